using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>
/// The whole life of a dossier in real Chromium, three people on three screens of the seeded demo
/// center: postal1 receives it at the counter and hands it to Sở Nội vụ; officer1 sees it arrive in
/// /my without a reload, takes it and forwards it to leader1; leader1 approves; postal1 returns the
/// result by post. Then the receipt, the outcome and the process control sheet are checked.
/// </summary>
public sealed partial class DossierJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private OneStopApp _app = null!;
    public Task InitializeAsync() { _app = new OneStopApp(demo: true); return Task.CompletedTask; }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<IPage> SignInAsync(string user, string returnUrl) => browser.SignedInPageAsync(_app.BaseAddress, user, returnUrl);

    /// <summary>Opens the row's one-click action and confirms its dialog, choosing a handler by name when given.</summary>
    private static async Task ActFromQueueAsync(IPage page, string code, string expectedAction, string? handlerName = null)
    {
        var button = page.GetByTestId($"queue-action-{code}");
        await Assertions.Expect(button).ToHaveAttributeAsync("data-action", expectedAction);
        await button.ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-dialog")).ToBeVisibleAsync();
        if (handlerName is not null)
        {
            await page.GetByTestId("handler-select").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = handlerName }).First.ClickAsync();
        }
        await page.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-dialog")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_dossier_goes_from_the_counter_through_the_department_and_back_by_post()
    {
        // A Sở Nội vụ procedure with the plain route: reception, processing, approval, return; result by post allowed.
        Procedure procedure;
        string officerName, leaderName;
        await using (var db = _app.CreateDb())
        {
            var candidates = await db.Procedures.Include(p => p.Steps).Where(p => p.Department!.Code == "SNV" && p.ResultByPost).ToListAsync();
            procedure = candidates.First(p => p.Allows(Channel.Counter) && p.StatutoryUnit == TimeUnit.WorkingDays
                && p.Steps.OrderBy(s => s.Order).Select(s => s.Kind).SequenceEqual([StepKind.Reception, StepKind.Processing, StepKind.Approval, StepKind.Return]));
            officerName = (await db.Staff.SingleAsync(s => s.UserName == "officer1")).FullName;
            leaderName = (await db.Staff.SingleAsync(s => s.UserName == "leader1")).FullName;
        }
        var clock = new DeadlineClock(await _app.Services.GetRequiredService<CenterCalendarProvider>().GetAsync());
        var expectedAppointment = clock.Appointment(_app.Clock.GetUtcNow().UtcDateTime, procedure.StatutoryAmount, procedure.StatutoryUnit);
        var expectedText = WorkingCalendar.ToLocal(expectedAppointment).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

        var officer = await SignInAsync("officer1", "/my");
        var leader = await SignInAsync("leader1", "/my");
        var postal = await SignInAsync("postal1", "/intake");

        // 1. Intake at the counter, result by post.
        await postal.GetByTestId("department-select").SelectOptionAsync(new SelectOptionValue { Label = "Sở Nội vụ" });
        await postal.Locator("#procedure-search").FillAsync(procedure.Code);
        // The list filters on each keystroke; until the last one is applied its first option is another procedure.
        await postal.GetByTestId("procedure-option").Filter(new() { HasText = procedure.Code }).First.ClickAsync();
        await Assertions.Expect(postal.GetByTestId("procedure-title")).ToContainTextAsync(procedure.Code);
        await Assertions.Expect(postal.GetByTestId("appointment-preview")).ToContainTextAsync(expectedText);
        await postal.Locator("#paper-0").ClickAsync();
        await Assertions.Expect(postal.Locator("#paper-0")).ToBeCheckedAsync();
        await postal.Locator("#applicant-name").FillAsync("Phan Văn Khải");
        await postal.Locator("#applicant-phone").FillAsync("0914 222 333");
        await postal.Locator("#applicant-id").FillAsync("045090012345");
        await postal.Locator("#applicant-address").FillAsync("21 Trần Hưng Đạo, Đông Hà, Quảng Trị");
        await postal.GetByTestId("delivery-Post").ClickAsync();
        await Assertions.Expect(postal.GetByTestId("delivery-Post")).ToBeCheckedAsync();
        await Assertions.Expect(postal.Locator("#postal-address")).ToHaveValueAsync("21 Trần Hưng Đạo, Đông Hà, Quảng Trị");
        await postal.GetByTestId("save-button").ClickAsync();

        // The receipt prints the appointment the calendar gives.
        await postal.WaitForURLAsync(new Regex(@"/dossiers/SNV-261118-\d{4}/receipt$"));
        var code = CodePattern().Match(postal.Url).Value;
        await Assertions.Expect(postal.GetByTestId("receipt-appointment")).ToContainTextAsync(expectedText);
        await Assertions.Expect(postal.GetByTestId("receipt-delivery")).ToHaveTextAsync("Qua bưu chính");

        // 2. Digitized and handed to the department's pool.
        await postal.GotoAsync($"/dossiers/{code}");
        await BrowserFixture.WaitLiveAsync(postal);
        await postal.GetByTestId("action-handover").ClickAsync();
        await Assertions.Expect(postal.GetByTestId("action-dialog")).ToBeVisibleAsync();
        await postal.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(postal.GetByTestId("current-step")).ToContainTextAsync(procedure.Steps.Single(s => s.Order == 2).Name);

        // 3. officer1's /my shows it without a reload; they take it, then forward it to leader1.
        await Assertions.Expect(officer.GetByTestId($"queue-row-{code}")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await ActFromQueueAsync(officer, code, "take");
        await ActFromQueueAsync(officer, code, "handover", leaderName);
        await Assertions.Expect(officer.GetByTestId($"queue-row-{code}")).ToHaveCountAsync(0);

        // 4. leader1 sees it arrive and approves.
        await Assertions.Expect(leader.GetByTestId($"queue-row-{code}")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await ActFromQueueAsync(leader, code, "approve");
        await Assertions.Expect(leader.GetByTestId($"queue-row-{code}")).ToHaveCountAsync(0);

        // 5. postal1 returns the result by post with its tracking number.
        await postal.GotoAsync("/my");
        await Assertions.Expect(postal.GetByTestId($"queue-row-{code}")).ToBeVisibleAsync();
        var button = postal.GetByTestId($"queue-action-{code}");
        await Assertions.Expect(button).ToHaveAttributeAsync("data-action", "return");
        await button.ClickAsync();
        await postal.GetByTestId("tracking-number").FillAsync("EL987654321VN");
        await postal.GetByText("Hài lòng", new() { Exact = true }).ClickAsync();
        await postal.GetByTestId("dialog-confirm").ClickAsync();
        await Assertions.Expect(postal.GetByTestId($"queue-row-{code}")).ToHaveCountAsync(0);

        // 6. The outcome and the process control sheet.
        await postal.GotoAsync($"/dossiers/{code}");
        await Assertions.Expect(postal.GetByTestId("dossier-status")).ToContainTextAsync("Đã trả kết quả");
        await Assertions.Expect(postal.GetByTestId("outcome")).ToContainTextAsync("Trước hạn");
        var rows = postal.GetByTestId("timeline-row");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        var types = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.type)");
        Assert.Equal(["Received", "HandedOver", "Assigned", "HandedOver", "Approved", "Returned"], types);
        await Assertions.Expect(postal.GetByTestId("timeline")).ToContainTextAsync(officerName);
        await Assertions.Expect(postal.GetByTestId("timeline")).ToContainTextAsync(leaderName);
        await Assertions.Expect(postal.GetByTestId("timeline")).ToContainTextAsync("EL987654321VN");

        await using var check = _app.CreateDb();
        var saved = await check.Dossiers.SingleAsync(d => d.Code == code);
        Assert.Equal((DossierStatus.Returned, Outcome.Early, "EL987654321VN", (bool?)true), (saved.Status, saved.Outcome, saved.PostalTrackingNumber, saved.Satisfied));
        Assert.Equal(expectedAppointment, saved.AppointmentAt);
    }

    [GeneratedRegex(@"SNV-261118-\d{4}")] private static partial Regex CodePattern();
}
