using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Settings;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Access;

/// <summary>
/// Ending access takes effect over HTTP: a copy of the sign-in cookie kept from before a sign-out, a lock, a role change,
/// a password reset or "sign out everywhere" is refused (sent to /signin) on the pages that show personal data or act.
/// Each test uses its own demo account, so they share one app.
/// </summary>
public sealed class SessionEndTests(SeededAppFixture fixture) : IClassFixture<SeededAppFixture>
{
    private OneStopApp App => fixture.App;
    private SettingsActor Admin => new(DemoCatalog.AdminId, "Trần Quốc Bảo");

    /// <summary>A client that sends exactly the given cookie header and keeps none: the attacker's saved copy.</summary>
    private HttpClient Replay(string cookie)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }

    private static async Task AssertRefusedAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: expected a redirect to sign-in, got {(int)response.StatusCode}");
        Assert.Equal("/signin", SignedInClient.RedirectPath(response, new Uri("http://localhost/")));
    }

    private async Task<string> ReceiptPathAsync(int departmentId)
    {
        await using var db = App.CreateDb();
        var code = await db.Dossiers.Where(d => d.DepartmentId == departmentId).OrderBy(d => d.Id).Select(d => d.Code).FirstAsync();
        return $"/dossiers/{Uri.EscapeDataString(code)}/receipt";
    }

    private static async Task SignOutAsync(HttpClient http, bool everywhere = false)
    {
        var page = await http.GetStringAsync("/my");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (everywhere) form["everywhere"] = "true";
        var response = await http.PostAsync("/signout", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_cookie_kept_from_before_a_sign_out_opens_nothing_and_the_other_browser_stays_in()
    {
        var receipt = await ReceiptPathAsync(DemoCatalog.SoNoiVu);
        using var first = await SignedInClient.SignInAsync(App.BaseAddress, "postal1");
        using var second = await SignedInClient.SignInAsync(App.BaseAddress, "postal1");
        var saved = SignedInClient.CookieHeader(first, App.BaseAddress);
        using var copy = Replay(saved);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/my")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(receipt)).StatusCode);

        await SignOutAsync(first);

        await AssertRefusedAsync(copy, "/my");
        await AssertRefusedAsync(copy, receipt);
        // Signing out in one browser does not end the other one's session.
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/my")).StatusCode);
        await using var db = App.CreateDb();
        var rows = await db.StaffSessions.AsNoTracking().Where(s => s.StaffId == DemoCatalog.Postal1Id).ToListAsync();
        Assert.Equal(1, rows.Count(r => r.EndReason == "signout"));
        Assert.Equal(1, rows.Count(r => r.EndedAt == null));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_account()
    {
        using var first = await SignedInClient.SignInAsync(App.BaseAddress, "officer1");
        using var second = await SignedInClient.SignInAsync(App.BaseAddress, "officer1");
        using var copy = Replay(SignedInClient.CookieHeader(first, App.BaseAddress));

        await SignOutAsync(first, everywhere: true);

        await AssertRefusedAsync(copy, "/my");
        await AssertRefusedAsync(second, "/my");
        // Signing in again works and gets a fresh session.
        using var again = await SignedInClient.SignInAsync(App.BaseAddress, "officer1");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/my")).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_s_cookie_no_longer_opens_the_jobs_staffing_or_the_monthly_xlsx()
    {
        using var director = await SignedInClient.SignInAsync(App.BaseAddress, "director");
        foreach (var path in new[] { "/jobs", "/staffing", "/reports/monthly/2026-10.xlsx" })
            Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(path)).StatusCode);
        using var copy = Replay(SignedInClient.CookieHeader(director, App.BaseAddress));

        var settings = App.Services.GetRequiredService<StaffSettings>();
        Assert.True((await settings.SetActiveAsync(DemoCatalog.DirectorId, false, Admin)).Succeeded);
        try
        {
            foreach (var path in new[] { "/jobs", "/staffing", "/reports/monthly/2026-10.xlsx" })
                await AssertRefusedAsync(copy, path);
        }
        finally { await settings.SetActiveAsync(DemoCatalog.DirectorId, true, Admin); }
        // Unlocked again, the old cookie stays refused: the lock ended its session for good.
        await AssertRefusedAsync(copy, "/jobs");
    }

    [Fact]
    public async Task A_role_change_or_a_password_reset_ends_the_sessions_made_before()
    {
        using var leader = await SignedInClient.SignInAsync(App.BaseAddress, "leader1");
        using var supervisor = await SignedInClient.SignInAsync(App.BaseAddress, "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/my")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/staffing")).StatusCode);

        var settings = App.Services.GetRequiredService<StaffSettings>();
        var input = new StaffInput(DemoCatalog.Leader1Id, "leader1", "Lãnh đạo thử", StaffRole.DepartmentOfficer, DemoCatalog.SoNoiVu, null);
        Assert.True((await settings.SaveAsync(input, null, Admin)).Succeeded);
        Assert.True((await settings.ResetPasswordAsync(DemoCatalog.SupervisorId, "moi12345", Admin)).Succeeded);

        await AssertRefusedAsync(leader, "/my");
        await AssertRefusedAsync(supervisor, "/staffing");
        // A change that does not touch who the person is (the full name only) leaves sessions alone.
        using var officer = await SignedInClient.SignInAsync(App.BaseAddress, "leader1");
        Assert.True((await settings.SaveAsync(input with { FullName = "Hoàng Văn Dũng" }, null, Admin)).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/my")).StatusCode);
    }

    [Fact]
    public async Task A_change_made_by_another_node_is_honoured_within_the_cache_time()
    {
        using var admin = await SignedInClient.SignInAsync(App.BaseAddress, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/settings")).StatusCode);
        // Another node locked the account: the database changed, this node was not told.
        await using (var db = App.CreateDb())
            await db.Staff.Where(s => s.Id == DemoCatalog.AdminId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, "CHANGED-ELSEWHERE"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/settings")).StatusCode); // within the 30 s cache
        App.Clock.Advance(StaffSessions.CacheFor + TimeSpan.FromSeconds(1));
        await AssertRefusedAsync(admin, "/settings");
    }
}
