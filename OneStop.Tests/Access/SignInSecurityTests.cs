using System.Net;
using Microsoft.EntityFrameworkCore;
using OneStop.Tests.Infrastructure;
using OneStop.Tests.Integration;

namespace OneStop.Tests.Access;

/// <summary>Lockout after repeated wrong passwords, the sign-in rate limit, security headers and cookie flags, on the real app.</summary>
public sealed class SignInSecurityTests : IAsyncLifetime
{
    private OneStopApp _app = null!;

    public async Task InitializeAsync()
    {
        // Three attempts lock the account for ten minutes; the per-address limit stays out of the way here.
        _app = new OneStopApp(demo: false, settings: new Dictionary<string, string>
        {
            ["OneStop:SignIn:MaxFailedAttempts"] = "3",
            ["OneStop:SignIn:LockoutMinutes"] = "10",
        });
        await using var db = _app.CreateDb();
        await WorkspacePrintableTests.SeedAsync(db);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Three_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lock_runs_out()
    {
        using var http = SignedInClient.New(_app.BaseAddress);
        for (var i = 1; i <= 2; i++)
        {
            var body = await (await SignedInClient.PostSignInAsync(http, "officer1", "wrong")).Content.ReadAsStringAsync();
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", body);
        }
        var third = await SignedInClient.PostSignInAsync(http, "officer1", "wrong");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        // 09:00 + 10 minutes, Vietnam time.
        Assert.Contains("Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau 09:10 18/11/2026.", await third.Content.ReadAsStringAsync());

        var right = await SignedInClient.PostSignInAsync(http, "officer1", "demo");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // no redirect: not signed in
        Assert.Contains("Tài khoản tạm khóa", await right.Content.ReadAsStringAsync());
        // Another account is not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(SignedInClient.New(_app.BaseAddress), "leader1", "demo")).StatusCode);

        await using (var db = _app.CreateDb())
        {
            var officer = await db.Staff.SingleAsync(s => s.UserName == "officer1");
            Assert.Equal(3, officer.FailedSignIns);
            Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10), officer.LockedUntil);
            var audit = await db.AuditEntries.SingleAsync(a => a.Area == "security.signin");
            Assert.Equal(("lockout", "officer1"), (audit.Action, audit.Subject));
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(http, "officer1", "demo")).StatusCode);
        await using (var db = _app.CreateDb())
        {
            var officer = await db.Staff.SingleAsync(s => s.UserName == "officer1");
            Assert.Equal((0, (DateTime?)null), (officer.FailedSignIns, officer.LockedUntil));
        }
    }

    [Fact]
    public async Task A_right_password_resets_the_count_of_wrong_ones()
    {
        using var http = SignedInClient.New(_app.BaseAddress);
        await SignedInClient.PostSignInAsync(http, "leader1", "wrong");
        await SignedInClient.PostSignInAsync(http, "leader1", "wrong");
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(http, "leader1", "demo")).StatusCode);
        using var again = SignedInClient.New(_app.BaseAddress);
        await SignedInClient.PostSignInAsync(again, "leader1", "wrong");
        await SignedInClient.PostSignInAsync(again, "leader1", "wrong");
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(again, "leader1", "demo")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/api/v1/calendar/2026")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _app.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
        var csp = Header("Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Matches(@"script-src 'self' 'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]{44}'(;|$)", csp);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Contains("camera=()", Header("Permissions-Policy"));
    }

    [Fact]
    public async Task The_sign_in_and_antiforgery_cookies_are_http_only_and_same_site()
    {
        using var http = SignedInClient.New(_app.BaseAddress);
        var form = await http.GetAsync("/signin");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("onestop.af="));
        Assert.Contains("httponly", antiforgery.ToLowerInvariant());
        Assert.Contains("samesite=strict", antiforgery.ToLowerInvariant());
        Assert.DoesNotContain("secure", antiforgery.ToLowerInvariant()); // plain HTTP here; SameAsRequest marks it Secure under HTTPS

        var signedIn = await SignedInClient.PostSignInAsync(http, "officer1");
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("onestop.auth="));
        Assert.Contains("httponly", auth.ToLowerInvariant());
        Assert.Contains("samesite=lax", auth.ToLowerInvariant());
    }
}

/// <summary>The framework's rate limiter on the sign-in post: the per-address budget, then 429 with Retry-After.</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private OneStopApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = new OneStopApp(demo: false, settings: new Dictionary<string, string> { ["OneStop:RateLimits:SignInPerMinute"] = "4" });
        await using var db = _app.CreateDb();
        await WorkspacePrintableTests.SeedAsync(db);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_fifth_sign_in_post_in_a_minute_is_refused_but_the_form_still_opens()
    {
        using var http = SignedInClient.New(_app.BaseAddress);
        // Four posts (different accounts, so no lockout plays a part) pass; the fifth is over the budget.
        foreach (var user in new[] { "officer1", "officer2", "leader1", "postal1" })
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await SignedInClient.PostSignInAsync(http, user, "wrong")).StatusCode);
        var refused = await SignedInClient.PostSignInAsync(http, "director", "demo");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/signin")).StatusCode);
    }
}
