using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Domain.Reports;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Pages.Reports;

namespace OneStop.Tests.Reports;

/// <summary>The monthly review on the demo center in real Chromium: a month renders, exports download, a leader sees one department.</summary>
public sealed class MonthlyReportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    // A month's report is computed when the page asks for it: 0.7-2 s on either engine on this 2-core machine while other
    // builds ran, so whatever waits on a newly computed month gets more than Playwright's 5 s default. (On PostgreSQL this
    // class used to be left out, blamed on the start-up sweep; it was the month switch missing those 5 s.)
    private static readonly LocatorAssertionsToHaveTextOptions Computed = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToContainTextOptions ComputedState = new() { Timeout = 20_000 };

    private OneStopApp _app = null!;
    public Task InitializeAsync() { _app = new OneStopApp(demo: true); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly ReportMonth October = new(2026, 10);

    [Fact]
    public async Task The_director_sees_october_and_downloads_the_xlsx_and_csv()
    {
        var expected = await _app.Services.GetRequiredService<MonthlyReportQuery>().RunAsync(October);
        Assert.True(expected.Total.Current.Received > 1000, "the demo center should have a full October");

        var page = await browser.SignedInPageAsync(_app.BaseAddress, "director", "/reports/monthly/2026-10");
        await Assertions.Expect(page.GetByTestId("report-state")).ToContainTextAsync("Số liệu trực tiếp", ComputedState);
        await Assertions.Expect(page.GetByTestId("tile-received").Locator(".tile-value")).ToHaveTextAsync(ReportFormat.Count(expected.Total.Current.Received));
        await Assertions.Expect(page.GetByTestId("tile-on-time").Locator(".tile-value")).ToHaveTextAsync(ReportFormat.Percent(expected.Total.Current.OnTimeRate));
        await Assertions.Expect(page.GetByTestId("table-departments").Locator("tbody tr")).ToHaveCountAsync(expected.Departments.Count);
        await Assertions.Expect(page.GetByTestId("chart-outcomes")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo tháng" })).ToBeVisibleAsync();

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        Assert.Equal("bao-cao-thang-2026-10.xlsx", xlsx.SuggestedFilename);
        var sheets = XlsxSheets.Read(await File.ReadAllBytesAsync((await xlsx.PathAsync())!));
        Assert.Equal((double)expected.Total.Current.Received, XlsxSheets.Cell(sheets[ReportTables.TotalTitle], "Tiếp nhận", "", "Toàn Trung tâm", ReportTables.ThisMonth));
        Assert.Equal((double)expected.Total.Current.Late, XlsxSheets.Cell(sheets[ReportTables.TotalTitle], "Quá hạn", "", "Toàn Trung tâm", ReportTables.ThisMonth));
        Assert.Equal(expected.LateDossiers.Count, sheets[ReportTables.LateTitle].Count - 2);

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Equal("bao-cao-thang-2026-10.csv", csv.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Bảng,Mã,Tên,Kỳ,Tiếp nhận", Encoding.UTF8.GetString(bytes[3..]));

        // The month picker moves to another month.
        await page.Locator("#month-input").FillAsync("09/2026");
        await page.Locator("#month-input").PressAsync("Tab");
        await page.WaitForURLAsync(new Regex("/reports/monthly/2026-09$"));
        var september = await _app.Services.GetRequiredService<MonthlyReportQuery>().RunAsync(October.Previous);
        await Assertions.Expect(page.GetByTestId("tile-received").Locator(".tile-value")).ToHaveTextAsync(ReportFormat.Count(september.Total.Current.Received), Computed);
    }

    [Fact]
    public async Task A_frozen_month_says_so_a_leader_sees_only_their_department_and_bad_months_are_explained()
    {
        Assert.True(await _app.Services.GetRequiredService<MonthlyReportStore>().FreezeAsync(October, "manual"));

        var page = await browser.SignedInPageAsync(_app.BaseAddress, "leader1", "/reports/monthly/2026-10");
        await Assertions.Expect(page.GetByTestId("report-state")).ToContainTextAsync("Số liệu đã chốt lúc", ComputedState);
        await Assertions.Expect(page.GetByTestId("table-departments").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("report-title")).ToContainTextAsync("Sở Nội vụ");
        await page.GetByTestId("report-live-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-state")).ToContainTextAsync("Số liệu trực tiếp", ComputedState);

        await page.GotoAsync("/reports/monthly/2026-13");
        await Assertions.Expect(page.GetByTestId("report-error")).ToContainTextAsync("Tháng: «2026-13» không hợp lệ");
        var response = await page.APIRequest.GetAsync("/reports/monthly/2027-01.csv");
        Assert.Equal(400, response.Status);
        Assert.Contains("chưa bắt đầu", await response.TextAsync());

        var print = await page.Context.NewPageAsync();
        await print.GotoAsync("/reports/monthly/2026-10/print");
        await Assertions.Expect(print.GetByTestId("report-print")).ToContainTextAsync("Số liệu đã chốt");

        var officer = await browser.SubmitSignInAsync(_app.BaseAddress, "officer1", "/reports/monthly/2026-10");
        await officer.WaitForURLAsync(new Regex("/denied"));
        var denied = await officer.APIRequest.GetAsync("/reports/monthly/2026-10.xlsx", new() { MaxRedirects = 0 });
        Assert.Equal(302, denied.Status);
        Assert.Contains("/denied", denied.Headers["location"]);
    }
}
