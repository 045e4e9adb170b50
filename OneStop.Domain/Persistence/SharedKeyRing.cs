using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OneStop.Domain.Webhooks;

namespace OneStop.Domain.Persistence;

/// <summary>
/// The Data Protection key ring every node shares: rows of <see cref="OneStopDbContext.DataProtectionKeys"/> under one
/// fixed application name. Also takes over what the home-folder key ring of an older version protected.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>
    /// Part of every protected payload's purpose. Fixed, because ASP.NET's default is the content root path, which differs
    /// between two nodes installed in different folders and changes when a center moves the app.
    /// </summary>
    public const string ApplicationName = "OneStop";

    /// <summary>Where ASP.NET keeps a key ring when nothing else is configured (Linux and macOS: under $HOME; Windows: %LOCALAPPDATA%).</summary>
    public static string? HomeFolderDirectory()
    {
        var local = Environment.GetEnvironmentVariable("LOCALAPPDATA");
        if (!string.IsNullOrEmpty(local)) return Path.Combine(local, "ASP.NET", "DataProtection-Keys");
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".aspnet", "DataProtection-Keys");
    }

    /// <summary>
    /// Once, while the database holds no key yet: webhook secrets that an older version protected with the home-folder
    /// key ring (whose purpose began with the content root path) are decrypted with it and protected again with the shared
    /// ring. Copying the old keys into the database would not be enough: the purpose has changed with the fixed
    /// application name, so the old payloads would stay unreadable. Sign-in cookies and antiforgery tokens are not carried
    /// over (people sign in again once). Secrets that neither ring opens are left as they are and named in the log.
    /// Returns how many secrets were protected again.
    /// </summary>
    public static async Task<int> AdoptHomeFolderRingAsync(IDbContextFactory<OneStopDbContext> contexts, IDataProtectionProvider shared,
        string? legacyDirectory, string contentRootPath, ILogger log, CancellationToken ct = default)
    {
        if (legacyDirectory is null || !Directory.Exists(legacyDirectory) || Directory.GetFiles(legacyDirectory, "key-*.xml").Length == 0)
            return 0;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.DataProtectionKeys.AnyAsync(ct)) return 0;
        var subscriptions = await db.WebhookSubscriptions.ToListAsync(ct);
        if (subscriptions.Count == 0) return 0;

        var current = new WebhookSecrets(shared);
        // ASP.NET trims the content root's trailing separator (since .NET 6.0.2); older builds did not. Try both.
        var trimmed = contentRootPath.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var legacy = new[] { trimmed, trimmed + Path.DirectorySeparatorChar }
            .Select(name => new WebhookSecrets(DataProtectionProvider.Create(new DirectoryInfo(legacyDirectory), b =>
                b.SetApplicationName(name).DisableAutomaticKeyGeneration())))
            .ToList();
        var adopted = 0;
        foreach (var subscription in subscriptions)
        {
            if (TryUnprotect(current, subscription.ProtectedSecret) is not null) continue; // another node got here first
            var secret = legacy.Select(l => TryUnprotect(l, subscription.ProtectedSecret)).FirstOrDefault(s => s is not null);
            if (secret is null)
            {
                log.LogWarning("Webhook subscription {Id} ({Name}): its secret opens with neither the home-folder key ring nor the shared one; give it a new secret.",
                    subscription.Id, subscription.Name);
                continue;
            }
            subscription.ProtectedSecret = current.Protect(secret);
            adopted++;
        }
        await db.SaveChangesAsync(ct);
        if (adopted > 0)
            log.LogInformation("Data Protection: {Count} webhook secret(s) moved from the home-folder key ring {Directory} to the shared key ring in the database.",
                adopted, legacyDirectory);
        return adopted;
    }

    private static string? TryUnprotect(WebhookSecrets secrets, string protectedSecret)
    {
        try { return secrets.Unprotect(protectedSecret); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
