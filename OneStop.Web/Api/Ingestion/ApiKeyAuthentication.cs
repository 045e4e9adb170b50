using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OneStop.Domain.Ingestion;

namespace OneStop.Web.Api.Ingestion;

/// <summary>
/// The "ApiKey" scheme: a key sent as X-Api-Key, checked against the stored hashes. Its own scheme, so /api/v1
/// answers 401 and 403 as problem details instead of the cookie scheme's redirects to the sign-in page.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "onestop:apikey";
    /// <summary>One per department a limited key may touch; none for a key that may touch every department.</summary>
    public const string DepartmentClaim = "onestop:apikey-department";

    /// <summary>What the calling key may touch.</summary>
    public static IngestionScope ScopeOf(ClaimsPrincipal user)
    {
        var departments = user.FindAll(DepartmentClaim).Select(c => int.Parse(c.Value)).ToHashSet();
        return departments.Count == 0 ? IngestionScope.Everything : new IngestionScope(departments);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.NoResult();
        if (values.Count > 1) return AuthenticateResult.Fail("Chỉ gửi một khóa X-Api-Key.");
        var key = await keys.AuthenticateAsync(values[0], Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Khóa API sai hoặc đã bị thu hồi.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "apikey:" + key.Id),
            new(ClaimTypes.Name, key.Name),
            new(KeyIdClaim, key.Id.ToString()),
        };
        if (key.Scopes.HasFlag(ApiScopes.Read)) claims.Add(new(ScopeClaim, "read"));
        if (key.Scopes.HasFlag(ApiScopes.Write)) claims.Add(new(ScopeClaim, "write"));
        foreach (var department in key.Departments ?? new HashSet<int>()) claims.Add(new Claim(DepartmentClaim, department.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Header;
        return Problem(StatusCodes.Status401Unauthorized, "Chưa xác thực",
            Request.Headers.ContainsKey(Header) ? "Khóa API sai hoặc đã bị thu hồi." : $"Thiếu khóa API: gửi khóa trong header {Header}.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Không đủ quyền", "Khóa API này không có quyền cần cho thao tác (đọc hoặc ghi).");

    private Task Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
}

public static class ApiKeyAuthentication
{
    public const string ReadPolicy = "api:read";
    public const string WritePolicy = "api:write";

    /// <summary>The scheme and the two policies; a policy names the scheme so cookies never count on /api/v1.</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "read"));
            o.AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "write"));
        });
        return services;
    }
}
