using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Ingestion;

/// <summary>A key just made: the secret is here once and never again (only its hash is stored).</summary>
public sealed record NewApiKey(ApiKey Key, string Secret);

/// <summary>Creates, lists, revokes and checks API keys. Creation and revocation are audited in their own transaction.</summary>
public sealed class ApiKeyStore(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time)
{
    public const string AuditArea = "settings.apikey";
    public const int MaxName = 100;
    /// <summary>How stale "last used" may get: recording every call would make every API read a write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <param name="departments">The departments the key is limited to; null or empty for every department.</param>
    public async Task<NewApiKey> CreateAsync(string? name, ApiScopes scopes, int? actorId, string actorName, CancellationToken ct = default,
        IReadOnlyCollection<int>? departments = null)
    {
        var errors = new Dictionary<string, string>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) errors["Name"] = UiText.Say("Tên khóa: bắt buộc (ví dụ: «Hệ thống một cửa tỉnh»).", "Key name: required (for example «Provincial one-stop system»).");
        else if (trimmed.Length > MaxName) errors["Name"] = UiText.Say($"Tên khóa: tối đa {MaxName} ký tự.", $"Key name: at most {MaxName} characters.");
        if ((scopes & (ApiScopes.Read | ApiScopes.Write)) == 0 || (scopes & ~(ApiScopes.Read | ApiScopes.Write)) != 0)
            errors["Scopes"] = UiText.Say("Quyền: chọn ít nhất một trong «đọc» và «ghi».", "Permissions: choose at least one of «read» and «write».");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var limited = departments is { Count: > 0 } ? departments.Distinct().Order().ToList() : null;
        var names = limited is null ? [] : await db.Departments.Where(d => limited.Contains(d.Id)).Select(d => d.Code).ToListAsync(ct);
        if (limited is not null && names.Count != limited.Count) errors["Departments"] = UiText.Say("Đơn vị: chọn các đơn vị có trong danh mục.", "Departments: choose departments from the catalogue.");
        if (errors.Count > 0) throw new DossierValidationException(errors);

        var prefix = "os_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var secret = prefix + "_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var key = new ApiKey
        {
            Name = trimmed, Prefix = prefix, SecretHash = Hash(secret), Scopes = scopes,
            CreatedById = actorId, CreatedByName = actorName, CreatedAt = now,
            DepartmentIds = limited is null ? null : string.Join(",", limited),
        };
        db.ApiKeys.Add(key);
        AuditLog.Add(db, now, actorId, actorName, AuditArea, "create", $"{prefix} «{trimmed}»",
            $"Quyền: {ScopesText(scopes)}; đơn vị: {(limited is null ? "tất cả" : string.Join(", ", names.Order()))}");
        await db.SaveChangesAsync(ct);
        return new NewApiKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        return keys.OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt).ToList();
    }

    /// <summary>Revokes at once: the next call with the key is refused. Revoking a revoked key changes nothing.</summary>
    public async Task RevokeAsync(int id, int? actorId, string actorName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct)
                  ?? throw new DossierRuleException("Không tìm thấy khóa API này.");
        if (key.RevokedAt is not null) return;
        var now = time.GetUtcNow().UtcDateTime;
        key.RevokedAt = now;
        AuditLog.Add(db, now, actorId, actorName, AuditArea, "revoke", $"{key.Prefix} «{key.Name}»");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The active key matching what was sent, or null. Compares hashes in constant time.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        // os_ + 8 hex + _ + 43 base64url characters; anything else cannot be one of ours.
        if (presented is not { Length: 55 } || !presented.StartsWith("os_") || presented[11] != '_') return null;
        var prefix = presented[..11];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, ct);
        if (key is null) return null;
        var expected = Convert.FromHexString(key.SecretHash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual)) return null;
        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return key;
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    public static string ScopesText(ApiScopes s) => s switch
    {
        ApiScopes.Read | ApiScopes.Write => "đọc và ghi",
        ApiScopes.Write => "chỉ ghi",
        ApiScopes.Read => "chỉ đọc",
        _ => "không có",
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
