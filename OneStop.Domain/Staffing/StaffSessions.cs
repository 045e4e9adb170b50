using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Staffing;

/// <summary>One signed-in browser: started at sign-in, ended by signing out (or by anything that changes the account's stamp).</summary>
public sealed class StaffSession
{
    /// <summary>Random, 32 hex characters; the sign-in cookie carries it.</summary>
    public required string Id { get; set; }
    public int StaffId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>"signout", "signout-everywhere", "account-changed"; null while the session lasts.</summary>
    public string? EndReason { get; set; }
}

/// <summary>What a session check came to; <see cref="Valid"/> false means the cookie must be refused.</summary>
public readonly record struct SessionCheck(bool Valid, string? Reason);

/// <summary>
/// The rule of when access ends. A sign-in cookie names its staff member, its session and the account's security stamp
/// at sign-in; it is honoured only while the session has not ended, the account is active, and the stamp is unchanged.
/// The stamp changes on a lock (deactivation), a password reset, a change of user name, role or department, and "sign
/// out everywhere", which ends every session of the account at once; signing out ends only that browser's session.
/// HTTP requests are checked through a cache of <see cref="CacheFor"/> (so a change made on another node is honoured
/// within that time, and within it at once on this node, which forgets the account's entries when it changes it);
/// circuits check without the cache at start and before every command.
/// </summary>
public sealed class StaffSessions(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time, IOptions<SignInOptions> options)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const int MaxCached = 20_000;
    private readonly ConcurrentDictionary<string, (int StaffId, string Stamp, SessionCheck Check, DateTimeOffset At)> _cache = new();

    /// <summary>Raised after sessions end on this node: the staff id, and the one session or null for all of them.</summary>
    public event Action<int, string?>? Ended;

    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A new session for a staff member who has just proved their password; returns its id and the account's stamp.</summary>
    public async Task<(string SessionId, string Stamp)> StartAsync(int staffId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var stamp = await db.Staff.Where(s => s.Id == staffId).Select(s => s.SecurityStamp).SingleAsync(ct);
        // The account's old sessions that can no longer be used are dropped here, so the table stays the size of who is in.
        var stale = now - Lifetime - TimeSpan.FromDays(1);
        await db.StaffSessions.Where(s => s.StaffId == staffId && (s.StartedAt < stale || s.EndedAt < stale)).ExecuteDeleteAsync(ct);
        var session = new StaffSession { Id = NewStamp(), StaffId = staffId, StartedAt = now };
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return (session.Id, stamp);
    }

    /// <summary>The longest a session lasts after sign-in, however often it is used.</summary>
    public TimeSpan Lifetime => TimeSpan.FromHours(Math.Max(1, options.Value.SessionHours));

    public async Task<SessionCheck> CheckAsync(int staffId, string? sessionId, string? stamp, bool fresh, CancellationToken ct = default)
    {
        if (sessionId is null || stamp is null) return new(false, "the cookie carries no session (made before sessions were checked)");
        var at = time.GetUtcNow();
        if (!fresh && _cache.TryGetValue(sessionId, out var hit) && hit.StaffId == staffId && hit.Stamp == stamp
            && at - hit.At < CacheFor && at >= hit.At)
            return hit.Check;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = at.UtcDateTime;
        // One round trip: the session and its account (a session row cannot outlive its account: the key cascades).
        var row = await (from s in db.StaffSessions.AsNoTracking()
                         join a in db.Staff.AsNoTracking() on s.StaffId equals a.Id
                         where s.Id == sessionId && s.StaffId == staffId
                         select new { s.StartedAt, s.EndedAt, s.EndReason, a.Active, a.SecurityStamp }).SingleOrDefaultAsync(ct);
        var check = row is null ? new SessionCheck(false, "no such session")
            : row.EndedAt is not null ? new SessionCheck(false, $"session ended ({row.EndReason})")
            : now - row.StartedAt > Lifetime ? new SessionCheck(false, "session older than its lifetime")
            : !row.Active ? new SessionCheck(false, "account locked")
            : row.SecurityStamp != stamp ? new SessionCheck(false, "account changed since sign-in")
            : new SessionCheck(true, null);
        // Entries of sessions no longer in use are never read again; a full cache starts afresh rather than growing with
        // every sign-in since the process started.
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[sessionId] = (staffId, stamp, check, at);
        return check;
    }

    /// <summary>Signing out: this session only.</summary>
    public async Task EndAsync(int staffId, string sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.StaffSessions.Where(s => s.Id == sessionId && s.StaffId == staffId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, "signout"), ct);
        _cache.TryRemove(sessionId, out _);
        Ended?.Invoke(staffId, sessionId);
    }

    /// <summary>
    /// Every session of the account ends: a new stamp (which alone refuses every cookie already given out, on every node)
    /// and the open sessions marked ended with the reason. Called by "sign out everywhere" and, through
    /// <see cref="AccountChangedAsync"/>, by the settings that change who the person is.
    /// </summary>
    public async Task EndAllAsync(int staffId, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var stamp = NewStamp();
        await db.Staff.Where(s => s.Id == staffId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, stamp), ct);
        await EndRowsAsync(db, staffId, reason, now, ct);
        Forget(staffId);
    }

    /// <summary>After a settings change saved a new stamp: end the rows and tell this node's circuits.</summary>
    public async Task AccountChangedAsync(int staffId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EndRowsAsync(db, staffId, "account-changed", time.GetUtcNow().UtcDateTime, ct);
        Forget(staffId);
    }

    private static Task<int> EndRowsAsync(OneStopDbContext db, int staffId, string reason, DateTime now, CancellationToken ct) =>
        db.StaffSessions.Where(s => s.StaffId == staffId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);

    private void Forget(int staffId)
    {
        foreach (var (key, value) in _cache)
            if (value.StaffId == staffId) _cache.TryRemove(key, out _);
        Ended?.Invoke(staffId, null);
    }
}
