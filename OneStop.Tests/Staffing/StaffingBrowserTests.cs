using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Staffing;

/// <summary>
/// /staffing in real Chromium against the real app (demo data, Wednesday 18/11/2026 09:00, postal2 on leave): applying
/// a suggestion on one page changes the coverage matrix and the loads on a second open page, and clears the
/// director's "nobody present" warning on `/`, all without a reload; the move is audited and on the dossier's timeline.
/// </summary>
public sealed class StaffingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Soon = new() { Timeout = 5_000 };

    [Fact]
    public async Task Applying_a_suggestion_updates_the_matrix_and_loads_on_another_open_page()
    {
        await using var app = new OneStopApp(demo: true);
        var acting = await browser.SignedInPageAsync(app.BaseAddress, "supervisor", "/staffing");
        var watching = await browser.SignedInPageAsync(app.BaseAddress, "supervisor", "/staffing");
        var director = await browser.SignedInPageAsync(app.BaseAddress, "director", "/");
        try
        {
            // The first suggestion gives a department nobody present covers to someone trained, with the absent person's dossiers.
            var suggestion = acting.GetByTestId("suggestion").First;
            await Assertions.Expect(suggestion).ToBeVisibleAsync();
            var department = await suggestion.GetAttributeAsync("data-department");
            var to = await suggestion.GetAttributeAsync("data-to");
            var from = await suggestion.GetAttributeAsync("data-from");
            var count = int.Parse(await suggestion.GetAttributeAsync("data-count") ?? "0");
            Assert.Equal(("SKHCN", "postal1", "postal2"), (department, to, from));
            Assert.True(count > 0);

            var cell = watching.GetByTestId($"cell-{to}-{department}");
            var flag = watching.GetByTestId($"dept-cover-{department}");
            var load = watching.GetByTestId($"load-{to}");
            var open = watching.GetByTestId($"open-{to}");
            await Assertions.Expect(cell).ToHaveAttributeAsync("data-state", "trained");
            await Assertions.Expect(flag).ToHaveAttributeAsync("data-uncovered", "true");
            var loadBefore = await load.GetAttributeAsync("data-load");
            var openBefore = int.Parse(await open.TextContentAsync() ?? "");
            await Assertions.Expect(director.GetByTestId("uncovered-warning")).ToContainTextAsync("Sở Khoa học và Công nghệ");

            await suggestion.GetByTestId("apply-suggestion").ClickAsync();

            // The other page follows, no reload: the matrix cell, the department's flag, the person's open count and load.
            await Assertions.Expect(cell).ToHaveAttributeAsync("data-state", "cover", Soon);
            await Assertions.Expect(flag).ToHaveAttributeAsync("data-uncovered", "false", Soon);
            await Assertions.Expect(open).ToHaveTextAsync($"{openBefore + count}", new() { Timeout = 5_000 });
            await Assertions.Expect(load).Not.ToHaveAttributeAsync("data-load", loadBefore!, Soon);
            await Assertions.Expect(watching.GetByTestId("suggestion").First).Not.ToHaveAttributeAsync("data-department", "SKHCN", Soon);
            await Assertions.Expect(director.GetByTestId("uncovered-warning")).Not.ToContainTextAsync("Sở Khoa học và Công nghệ", new() { Timeout = 5_000 });

            // Audited, and each moved dossier's timeline names the move.
            await using var db = app.CreateDb();
            var postal1 = await db.Staff.SingleAsync(s => s.UserName == "postal1");
            Assert.True(await db.StaffCoverage.AnyAsync(c => c.StaffId == postal1.Id && c.Department!.Code == "SKHCN"));
            var audit = await db.AuditEntries.Where(a => a.Area.StartsWith("staffing")).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["staffing.coverage/add", "staffing.balancing/apply-suggestion"], audit.Select(a => $"{a.Area}/{a.Action}"));
            Assert.All(audit, a => Assert.Equal("Nguyễn Văn Hòa", a.ActorName));
            var moved = await db.DossierEvents.Where(e => e.Type == DossierEventType.Assigned && e.ToHandlerId == postal1.Id && e.Note!.StartsWith("Điều phối")).ToListAsync();
            Assert.Equal(count, moved.Count);
        }
        finally
        {
            foreach (var page in new[] { acting, watching, director }) await page.Context.CloseAsync();
        }
    }
}
