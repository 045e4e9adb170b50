using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace OneStop.Web.Hosting;

/// <summary>OneStop:RateLimits in appsettings.json.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "OneStop:RateLimits";
    /// <summary>Sign-in attempts per client address per minute (guessing passwords).</summary>
    public int SignInPerMinute { get; set; } = 20;
    /// <summary>API requests per caller (API key, else address) per second; the province's system sends in bursts.</summary>
    public int ApiPerSecond { get; set; } = 2000;
}

/// <summary>
/// The framework's rate limiter with two named policies: <see cref="SignIn"/> for the sign-in form and <see cref="Api"/>
/// for /api/v1. Endpoints opt in with RequireRateLimiting(name); refusals are 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "signin";
    public const string Api = "api";

    public static IServiceCollection AddOneStopRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString();
                return ValueTask.CompletedTask;
            };
            // Posts only: opening the form is free, each password tried is counted.
            o.AddPolicy(SignIn, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
            o.AddPolicy(Api, http => RateLimitPartition.GetTokenBucketLimiter(ApiCaller(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.ApiPerSecond, TokensPerPeriod = options.ApiPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0, AutoReplenishment = true,
            }));
        });
        return services;
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The API key when one is sent (each caller its own bucket), else the client address.</summary>
    private static string ApiCaller(HttpContext http) =>
        http.Request.Headers.TryGetValue("X-Api-Key", out var key) && key.Count > 0 ? "key:" + key[0] : "ip:" + ClientAddress(http);
}
