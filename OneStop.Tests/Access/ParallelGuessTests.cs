using System.Net;
using Microsoft.EntityFrameworkCore;
using OneStop.Tests.Infrastructure;
using OneStop.Tests.Integration;

namespace OneStop.Tests.Access;

/// <summary>
/// Guesses sent at once cannot outrun the lockout: the count of wrong passwords is one UPDATE … RETURNING, so 20 parallel
/// wrong passwords against one account lock it after exactly 5 (the README's promise), and the rest are told it is locked.
/// </summary>
public sealed class ParallelGuessTests : IAsyncLifetime
{
    private OneStopApp _app = null!;

    public async Task InitializeAsync()
    {
        // The default lockout (5 wrong passwords, 15 minutes); the per-address limit is raised so that it plays no part.
        _app = new OneStopApp(demo: false, settings: new Dictionary<string, string> { ["OneStop:RateLimits:SignInPerMinute"] = "200" });
        await using var db = _app.CreateDb();
        await WorkspacePrintableTests.SeedAsync(db);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Twenty_parallel_wrong_passwords_lock_the_account_after_exactly_five()
    {
        var clients = Enumerable.Range(0, 20).Select(_ => SignedInClient.New(_app.BaseAddress)).ToList();
        // Each client fetches its form first, then all post at once.
        var bodies = await Task.WhenAll(clients.Select(async http =>
            await (await SignedInClient.PostSignInAsync(http, "officer1", $"wrong-{Guid.NewGuid():N}")).Content.ReadAsStringAsync()));

        var wrong = bodies.Count(b => b.Contains("Tên đăng nhập hoặc mật khẩu không đúng."));
        var locked = bodies.Count(b => b.Contains("Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần."));
        // Four are told the password is wrong; the fifth locks the account and says so; the other fifteen find it locked.
        Assert.Equal((4, 16), (wrong, locked));

        await using (var db = _app.CreateDb())
        {
            var officer = await db.Staff.AsNoTracking().SingleAsync(s => s.UserName == "officer1");
            Assert.Equal(5, officer.FailedSignIns);
            Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime.AddMinutes(15), officer.LockedUntil);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Area == "security.signin" && a.Action == "lockout"));
        }

        // The right password is refused while the lock lasts, and is let in after it.
        using var right = SignedInClient.New(_app.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await SignedInClient.PostSignInAsync(right, "officer1", "demo")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(right, "officer1", "demo")).StatusCode);
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task After_a_lock_runs_out_the_count_starts_again_at_one()
    {
        for (var i = 0; i < 5; i++)
            await SignedInClient.PostSignInAsync(SignedInClient.New(_app.BaseAddress), "leader1", "wrong");
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        var body = await (await SignedInClient.PostSignInAsync(SignedInClient.New(_app.BaseAddress), "leader1", "wrong")).Content.ReadAsStringAsync();
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", body);
        await using var db = _app.CreateDb();
        var leader = await db.Staff.AsNoTracking().SingleAsync(s => s.UserName == "leader1");
        Assert.Equal((1, (DateTime?)null), (leader.FailedSignIns, leader.LockedUntil));
    }
}
