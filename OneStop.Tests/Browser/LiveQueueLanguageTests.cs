using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// Live updates on the queue screens render in the language of the screen that shows them, not of whoever caused the
/// change: a dossier received (by a Vietnamese caller) reaches an English and a Vietnamese /queues/SNV in their own
/// words, and handed to officer1 (by an English caller) reaches officer1's English /my with an English toast, row and
/// screen-reader announcement while the Vietnamese queue stays Vietnamese. Its own app: the change is real.
/// </summary>
public sealed class LiveQueueLanguageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private OneStopApp _app = null!;
    public Task InitializeAsync() { _app = new OneStopApp(demo: true); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 10_000 };

    private async Task<IPage> OpenAsync(string user, string path, bool english)
    {
        var page = await browser.SignedInPageAsync(_app.BaseAddress, user, path);
        if (english) await page.GotoAsync($"/culture/en?redirect={Uri.EscapeDataString(path)}");
        await BrowserFixture.WaitLiveAsync(page);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", english ? "en" : "vi");
        return page;
    }

    /// <summary>Runs a workflow call as if from a thread in <paramref name="culture"/> (the publisher of the change).</summary>
    private static async Task<T> AsCallerInAsync<T>(string culture, Func<Task<T>> call)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return await call(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Fact]
    public async Task A_live_change_reaches_each_queue_screen_in_its_own_language()
    {
        int postal1, officer1;
        Procedure procedure;
        await using (var db = _app.CreateDb())
        {
            postal1 = (await db.Staff.SingleAsync(s => s.UserName == "postal1")).Id;
            officer1 = (await db.Staff.SingleAsync(s => s.UserName == "officer1")).Id;
            var candidates = await db.Procedures.Include(p => p.Steps).Where(p => p.Department!.Code == "SNV").ToListAsync();
            procedure = candidates.First(p => p.Allows(Channel.Counter)
                && p.Steps.OrderBy(s => s.Order).Select(s => s.Kind).Take(2).SequenceEqual([StepKind.Reception, StepKind.Processing]));
        }
        var english = await OpenAsync("director", "/queues/SNV", english: true);
        var vietnamese = await OpenAsync("director", "/queues/SNV", english: false);
        var officer = await OpenAsync("officer1", "/my", english: true);

        var workflow = _app.Services.GetRequiredService<DossierWorkflow>();
        var dossier = await AsCallerInAsync("vi-VN", () => workflow.ReceiveAsync(new IntakeRequest
        {
            ProcedureId = procedure.Id, Channel = Channel.Counter, ResultDelivery = ResultDelivery.Counter,
            ApplicantName = "Trần Thị Mai", ApplicantPhone = "0905123456", ApplicantIdNumber = "045190009876",
            ApplicantAddress = "5 Hùng Vương, Đông Hà, Quảng Trị",
        }, postal1));

        var rowEn = english.Locator($"[data-testid=queue-item][data-code='{dossier.Code}']");
        var rowVi = vietnamese.Locator($"[data-testid=queue-item][data-code='{dossier.Code}']");
        await Assertions.Expect(rowEn).ToBeVisibleAsync(Soon);
        await Assertions.Expect(rowVi).ToBeVisibleAsync(Soon);
        await Assertions.Expect(rowEn).ToContainTextAsync("At the counter");
        await Assertions.Expect(rowEn.GetByTestId("risk-badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d.* left$"));
        await Assertions.Expect(rowVi).ToContainTextAsync("Trực tiếp");
        await Assertions.Expect(rowVi.GetByTestId("risk-badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^còn \d"));
        await Assertions.Expect(english.GetByTestId("queue-summary")).ToContainTextAsync("open dossiers");
        await Assertions.Expect(vietnamese.GetByTestId("queue-summary")).ToContainTextAsync("hồ sơ đang xử lý");

        // Handed to officer1 by an English caller: officer1's English /my is told in English, the Vietnamese queue stays Vietnamese.
        await AsCallerInAsync("en-US", () => workflow.HandOverAsync(dossier.Code, dossier.Version, postal1, officer1));
        var toast = officer.Locator(".mud-snackbar", new() { HasText = dossier.Code });
        await Assertions.Expect(toast).ToBeVisibleAsync(Soon);
        await Assertions.Expect(toast).ToContainTextAsync($"Dossier {dossier.Code} just reached you");
        await Assertions.Expect(toast.Locator("[translate=no]").First).ToHaveTextAsync(procedure.Name);
        await Assertions.Expect(officer.GetByTestId($"queue-status-{dossier.Code}")).ToHaveTextAsync("In progress");
        await Assertions.Expect(officer.GetByTestId($"queue-reason-{dossier.Code}")).ToHaveTextAsync("With you");
        await Assertions.Expect(officer.GetByTestId("queue-live")).ToHaveTextAsync($"Dossier {dossier.Code} just arrived in your queue.");

        string officerName;
        await using (var db = _app.CreateDb()) officerName = (await db.Staff.SingleAsync(s => s.Id == officer1)).FullName;
        await Assertions.Expect(rowVi).ToContainTextAsync(officerName, new() { Timeout = 10_000 });
        await Assertions.Expect(rowVi.GetByTestId("risk-badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^còn \d"));
        await Assertions.Expect(rowEn).ToContainTextAsync(officerName, new() { Timeout = 10_000 });
        await Assertions.Expect(rowEn).ToContainTextAsync("At the counter");
    }
}
