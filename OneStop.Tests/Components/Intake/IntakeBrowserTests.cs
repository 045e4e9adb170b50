using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneStop.Tests.Infrastructure;
using OneStop.Tests.Integration;

namespace OneStop.Tests.Components.Intake;

/// <summary>
/// The counter in real Chromium over the real circuit, keyboard first: sign in, the caret waits in the
/// search box, Enter picks a procedure, Tab walks the form, Enter saves and the receipt prints on one A4 page.
/// </summary>
public sealed partial class IntakeBrowserTests(IntakeTests.IntakeApp fixture, BrowserFixture browser)
    : IClassFixture<IntakeTests.IntakeApp>, IClassFixture<BrowserFixture>
{
    private Task<IPage> SignedInPageAsync() => browser.SignedInPageAsync(fixture.App.BaseAddress, "postal1", "/intake", IntakeTests.Password);

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    [Fact]
    public async Task A_dossier_is_received_with_the_keyboard_alone_and_its_receipt_prints_on_one_A4_page()
    {
        var page = await SignedInPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        // The caret waits in the catalogue search.
        await Assertions.Expect(page.Locator("#procedure-search")).ToBeFocusedAsync();

        // Enter in an empty form: the rules show under the fields, and the caret goes back to the search
        // because the procedure is what is missing first.
        await page.Locator("#applicant-name").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("error-ApplicantName")).ToHaveTextAsync("Họ tên người nộp: bắt buộc.");
        await Assertions.Expect(page.GetByTestId("error-ProcedureId")).ToHaveTextAsync("Thủ tục: hãy chọn một thủ tục có trong danh mục.");
        await Assertions.Expect(page.Locator("#procedure-search")).ToBeFocusedAsync();

        // Search without accents, Enter picks the first match.
        await page.Keyboard.TypeAsync("bang khen");
        await Assertions.Expect(page.GetByTestId("procedure-option")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("procedure-title")).ToContainTextAsync("SNV-01");
        await Assertions.Expect(page.GetByTestId("error-ProcedureId")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("appointment-preview")).ToHaveTextAsync("Thứ Tư, 25/11/2026 09:00");

        // Tick two papers with the space bar.
        await page.Locator("#paper-0").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Locator("#paper-1").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("papers-count")).ToHaveTextAsync("Đã nhận 2/3 giấy tờ.");

        // Tab walks the applicant's fields in order; a bad phone is judged as soon as it changes.
        await page.Locator("#applicant-name").FocusAsync();
        await page.Keyboard.TypeAsync("Lê Thị Thu Hà");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("applicant-phone", await FocusedIdAsync(page));
        await page.Keyboard.TypeAsync("0912");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("error-ApplicantPhone")).ToContainTextAsync("Số điện thoại: phải là số di động 10 chữ số");
        Assert.Equal("applicant-id", await FocusedIdAsync(page));
        await page.Locator("#applicant-phone").FillAsync("0912 888 777");
        await page.Locator("#applicant-id").FocusAsync();
        await Assertions.Expect(page.GetByTestId("error-ApplicantPhone")).ToHaveCountAsync(0);
        await page.Keyboard.TypeAsync("045190009876");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("applicant-address", await FocusedIdAsync(page));
        await page.Keyboard.TypeAsync("8 Trần Hưng Đạo, Đông Hà");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("error-ApplicantAddress")).ToHaveCountAsync(0);

        // Result by post (space bar on the radio): the postal address appears, filled from the address.
        await page.GetByTestId("delivery-Post").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#postal-address")).ToHaveValueAsync("8 Trần Hưng Đạo, Đông Hà");
        await page.GetByTestId("delivery-Counter").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#postal-address")).ToHaveCountAsync(0);

        // Enter saves; the browser loads the receipt.
        await page.Locator("#applicant-address").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/dossiers/SNV-261118-\d{4}/receipt$"));
        var code = Regex.Match(page.Url, @"SNV-261118-\d{4}").Value;
        await Assertions.Expect(page.GetByTestId("receipt-code")).ToHaveTextAsync(code);
        await Assertions.Expect(page.GetByTestId("receipt-appointment")).ToHaveTextAsync("Thứ Tư, 25/11/2026 09:00");
        await Assertions.Expect(page.GetByTestId("receipt-applicant")).ToHaveTextAsync("Lê Thị Thu Hà");
        await Assertions.Expect(page.Locator("[data-testid=receipt-papers] li")).ToHaveTextAsync(["Tờ trình đề nghị khen thưởng", "Báo cáo thành tích"]);
        await Assertions.Expect(page.GetByTestId("print-button")).ToBeVisibleAsync();

        // Printed: one A4 portrait page (595 x 842 points), without the toolbar or the app header.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByTestId("print-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        Assert.Single(PdfPage().Matches(pdf));
        var box = MediaBox().Match(pdf);
        Assert.True(box.Success, "the PDF states its page size");
        Assert.Equal(595, (int)Math.Round(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(842, (int)Math.Round(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")] private static partial Regex PdfPage();
    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")] private static partial Regex MediaBox();
}
