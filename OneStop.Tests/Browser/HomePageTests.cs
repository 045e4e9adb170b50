using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneStop.Domain.Dossiers;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Browser;

/// <summary>Real Chromium against the real app on a real port: the circuit connects and the page reacts.</summary>
[Collection(SeededAppCollection.Name)]
public sealed class HomePageTests(SeededAppFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_home_page_connects_and_its_filter_switch_works()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };

        await page.GotoAsync("/");
        // "Trực tuyến" appears only once the interactive circuit has rendered the component.
        await BrowserFixture.WaitLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("connection-state")).ToContainTextAsync("Trực tuyến");

        var names = page.GetByTestId("department-name");
        await Assertions.Expect(names).ToHaveCountAsync(17);
        await Assertions.Expect(page.GetByText("Sở Nội vụ", new() { Exact = true })).ToBeVisibleAsync();

        await using var db = fixture.App.CreateDb();
        var now = fixture.App.Clock.GetUtcNow().UtcDateTime;
        var departmentsWithOverdue = await db.Dossiers
            .Where(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.InProgress) && d.AppointmentAt < now)
            .Select(d => d.DepartmentId).Distinct().CountAsync();
        Assert.InRange(departmentsWithOverdue, 1, 16);

        // Clicking the switch re-renders over the circuit: only departments with overdue dossiers stay.
        var overdueOnly = page.GetByRole(AriaRole.Switch, new() { Name = "Chỉ hiện đơn vị có hồ sơ quá hạn" });
        await overdueOnly.ClickAsync();
        await Assertions.Expect(overdueOnly).ToBeCheckedAsync();
        await Assertions.Expect(names).ToHaveCountAsync(departmentsWithOverdue);

        await overdueOnly.ClickAsync();
        await Assertions.Expect(names).ToHaveCountAsync(17);
        Assert.Empty(errors);
    }
}
