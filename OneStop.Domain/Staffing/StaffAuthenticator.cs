using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Staffing;

/// <summary>OneStop:SignIn in appsettings.json: when repeated wrong passwords lock an account.</summary>
public sealed class SignInOptions
{
    public const string Section = "OneStop:SignIn";
    /// <summary>Wrong passwords in a row that lock the account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;
    /// <summary>How long the account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>The longest a sign-in lasts, however often it is used: a working day with a margin.</summary>
    public int SessionHours { get; set; } = 10;
}

/// <summary>What a sign-in attempt came to. <see cref="LockedUntil"/> is set when the account is locked (now or already).</summary>
public sealed record SignInResult(Staff? Staff, DateTime? LockedUntil)
{
    public bool Succeeded => Staff is not null;
    public bool LockedOut => LockedUntil is not null;
}

/// <summary>
/// Checks a user name and password against the hashed password of an active staff member, and locks the account for
/// a while after too many wrong passwords in a row (guessing one account's password from many addresses slips past the
/// per-address rate limit; the lock does not).
/// </summary>
public sealed class StaffAuthenticator(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time, IOptions<SignInOptions> options)
{
    private static readonly PasswordHasher<Staff> Hasher = new();

    public static string Hash(Staff staff, string password) => Hasher.HashPassword(staff, password);

    /// <summary>The Vietnamese message for a locked account.</summary>
    public static string LockedMessage(DateTime lockedUntilUtc) =>
        UiText.Say($"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau {Calendar.WorkingCalendar.ToLocal(lockedUntilUtc):HH:mm dd/MM/yyyy}.",
            $"The account is locked for a while after too many wrong passwords. Try again after {Calendar.WorkingCalendar.ToLocal(lockedUntilUtc):HH:mm dd/MM/yyyy}.");

    /// <summary>
    /// Succeeds with the staff member; fails with no staff when the name is unknown, inactive, has no password or the
    /// password is wrong; fails with <see cref="SignInResult.LockedUntil"/> while the account is locked, even with the
    /// right password.
    /// </summary>
    public async Task<SignInResult> VerifyAsync(string userName, string password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return new(null, null);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = userName.Trim().ToLowerInvariant();
        var staff = await db.Staff.Include(s => s.Department).FirstOrDefaultAsync(s => s.UserName == name && s.Active, ct);
        if (staff?.PasswordHash is null) return new(null, null);
        var now = time.GetUtcNow().UtcDateTime;
        if (staff.LockedUntil is { } until && until > now) return new(null, until);

        var result = Hasher.VerifyHashedPassword(staff, staff.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var max = Math.Max(1, options.Value.MaxFailedAttempts);
            var lockUntil = now.AddMinutes(options.Value.LockoutMinutes);
            var counted = await CountFailureAsync(db, staff.Id, now, max, lockUntil, ct);
            // No row: a parallel guess locked the account while this one was being checked.
            if (counted is null) return new(null, await LockedUntilAsync(db, staff.Id, ct) ?? lockUntil);
            if (counted.LockedUntil is not { } locked) return new(null, null);
            if (counted.FailedSignIns == max) // only the guess that reached the limit writes the audit line
            {
                Audit.AuditLog.Add(db, now, null, "Hệ thống", "security.signin", "lockout", staff.UserName,
                    $"{counted.FailedSignIns} lần sai mật khẩu liên tiếp; khóa đến {Calendar.WorkingCalendar.ToLocal(locked):HH:mm dd/MM/yyyy}");
                await db.SaveChangesAsync(ct);
            }
            return new(null, locked);
        }
        // The reset is conditional too: a right password that arrives after parallel wrong ones locked the account is refused.
        var rehash = result == PasswordVerificationResult.SuccessRehashNeeded ? Hash(staff, password) : staff.PasswordHash;
        var reset = await db.Staff.Where(s => s.Id == staff.Id && (s.LockedUntil == null || s.LockedUntil <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FailedSignIns, 0).SetProperty(s => s.LockedUntil, (DateTime?)null)
                .SetProperty(s => s.PasswordHash, rehash), ct);
        if (reset == 0) return new(null, await LockedUntilAsync(db, staff.Id, ct) ?? now);
        staff.FailedSignIns = 0;
        staff.LockedUntil = null;
        staff.PasswordHash = rehash;
        return new(staff, null);
    }

    private sealed record FailureCount(int FailedSignIns, DateTime? LockedUntil);

    /// <summary>
    /// One wrong password, counted in one statement so that parallel guesses cannot read the same count: the count goes
    /// up by one (or restarts at one after a lock that has run out), the lock is set when it reaches the limit, and a row
    /// that is locked now is not touched (no row comes back). UPDATE … RETURNING works on SQLite (3.35+) and PostgreSQL.
    /// </summary>
    private static async Task<FailureCount?> CountFailureAsync(OneStopDbContext db, int staffId, DateTime now, int max, DateTime until,
        CancellationToken ct)
    {
        const string next = "(CASE WHEN \"LockedUntil\" IS NULL THEN \"FailedSignIns\" + 1 ELSE 1 END)";
        var rows = await db.Database.SqlQueryRaw<FailureCount>(
            $"UPDATE \"Staff\" SET \"FailedSignIns\" = {next}, " +
            $"\"LockedUntil\" = CASE WHEN {next} >= {{0}} THEN {{1}} ELSE NULL END " +
            "WHERE \"Id\" = {2} AND (\"LockedUntil\" IS NULL OR \"LockedUntil\" <= {3}) " +
            "RETURNING \"FailedSignIns\", \"LockedUntil\"", max, until, staffId, now).ToListAsync(ct);
        return rows.SingleOrDefault();
    }

    private static Task<DateTime?> LockedUntilAsync(OneStopDbContext db, int staffId, CancellationToken ct) =>
        db.Staff.Where(s => s.Id == staffId).Select(s => s.LockedUntil).SingleOrDefaultAsync(ct);
}
