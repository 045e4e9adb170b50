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
        $"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau {Calendar.WorkingCalendar.ToLocal(lockedUntilUtc):HH:mm dd/MM/yyyy}.";

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
            // A lock that has run out starts a fresh count.
            if (staff.LockedUntil is not null) { staff.LockedUntil = null; staff.FailedSignIns = 0; }
            staff.FailedSignIns++;
            DateTime? locked = null;
            if (staff.FailedSignIns >= Math.Max(1, options.Value.MaxFailedAttempts))
            {
                locked = staff.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                Audit.AuditLog.Add(db, now, null, "Hệ thống", "security.signin", "lockout", staff.UserName,
                    $"{staff.FailedSignIns} lần sai mật khẩu liên tiếp; khóa đến {Calendar.WorkingCalendar.ToLocal(locked.Value):HH:mm dd/MM/yyyy}");
            }
            await db.SaveChangesAsync(ct);
            return new(null, locked);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded) staff.PasswordHash = Hash(staff, password);
        staff.FailedSignIns = 0;
        staff.LockedUntil = null;
        await db.SaveChangesAsync(ct);
        return new(staff, null);
    }
}
