using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Staffing;

/// <summary>Checks a user name and password against the hashed password of an active staff member.</summary>
public sealed class StaffAuthenticator(IDbContextFactory<OneStopDbContext> contexts)
{
    private static readonly PasswordHasher<Staff> Hasher = new();

    public static string Hash(Staff staff, string password) => Hasher.HashPassword(staff, password);

    /// <summary>The staff member, or null when the name is unknown, inactive, has no password or the password is wrong.</summary>
    public async Task<Staff?> VerifyAsync(string userName, string password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = userName.Trim().ToLowerInvariant();
        var staff = await db.Staff.Include(s => s.Department).FirstOrDefaultAsync(s => s.UserName == name && s.Active, ct);
        if (staff?.PasswordHash is null) return null;
        var result = Hasher.VerifyHashedPassword(staff, staff.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            staff.PasswordHash = Hash(staff, password);
            await db.SaveChangesAsync(ct);
        }
        return staff;
    }
}
