using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OneStop.Domain.Staffing;

namespace OneStop.Web.Auth;

/// <summary>
/// Ending access takes effect (issue 21): the sign-in cookie names a session and the account's security stamp
/// (<see cref="StaffSessions"/>), and is checked against the database on every request (through a 30-second cache that
/// this node clears when it changes the account), at every circuit start and every 30 seconds in each open circuit, and at
/// once in this node's circuits when their session ends. A refused cookie is deleted and the person is sent to sign in.
/// </summary>
public static class SessionChecks
{
    public static IServiceCollection AddSessionChecks(this IServiceCollection services)
    {
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        return services;
    }

    /// <summary>Hooks the cookie handler: a session row at sign-in, the check on every request.</summary>
    public static void UseSessionChecks(this CookieAuthenticationOptions o)
    {
        o.Events.OnSigningIn = async ctx =>
        {
            if (ctx.Principal?.StaffId() is not { } staffId || ctx.Principal.Identity is not ClaimsIdentity identity) return;
            var sessions = ctx.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
            var (sessionId, stamp) = await sessions.StartAsync(staffId, ctx.HttpContext.RequestAborted);
            identity.AddClaim(new Claim(StaffClaims.SessionId, sessionId));
            identity.AddClaim(new Claim(StaffClaims.Stamp, stamp));
        };
        o.Events.OnValidatePrincipal = async ctx =>
        {
            if (ctx.Principal?.StaffId() is not { } staffId) { await RefuseAsync(ctx, "no staff id"); return; }
            var sessions = ctx.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
            var check = await sessions.CheckAsync(staffId, ctx.Principal.SessionOf(), ctx.Principal.StampOf(), fresh: false, ctx.HttpContext.RequestAborted);
            if (!check.Valid) await RefuseAsync(ctx, check.Reason);
        };
    }

    private static async Task RefuseAsync(CookieValidatePrincipalContext ctx, string? reason)
    {
        ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionChecks))
            .LogInformation("Sign-in cookie of {User} refused: {Reason}", ctx.Principal?.Identity?.Name, reason);
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>
/// The circuit's view of who is signed in: revalidated every <see cref="StaffSessions.CacheFor"/> and at once when this
/// node ends the session; when it no longer holds, the circuit's user becomes anonymous, so every page that needs a
/// sign-in redirects to it (Routes' NotAuthorized → RedirectToSignIn, a full page load that closes the circuit).
/// </summary>
public sealed class SessionAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly StaffSessions _sessions;
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    public SessionAuthenticationStateProvider(ILoggerFactory loggers, StaffSessions sessions) : base(loggers)
    {
        _sessions = sessions;
        _sessions.Ended += OnEnded;
    }

    protected override TimeSpan RevalidationInterval => StaffSessions.CacheFor;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        state.User.StaffId() is not { } staffId
        || (await _sessions.CheckAsync(staffId, state.User.SessionOf(), state.User.StampOf(), fresh: true, ct)).Valid;

    /// <summary>Checks the circuit's session now, without the cache; signs the circuit out when it has ended.</summary>
    public async Task<bool> EnsureValidAsync(CancellationToken ct = default)
    {
        var state = await GetAuthenticationStateAsync();
        if (await ValidateAuthenticationStateAsync(state, ct)) return true;
        SetAuthenticationState(Task.FromResult(Anonymous));
        return false;
    }

    private void OnEnded(int staffId, string? sessionId)
    {
        _ = CheckAfterEndAsync(staffId, sessionId);
    }

    private async Task CheckAfterEndAsync(int staffId, string? sessionId)
    {
        try
        {
            var user = (await GetAuthenticationStateAsync()).User;
            if (user.StaffId() != staffId || (sessionId is not null && user.SessionOf() != sessionId)) return;
            await EnsureValidAsync();
        }
        catch (InvalidOperationException) { } // the circuit has no authentication state yet (still starting)
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _sessions.Ended -= OnEnded;
        base.Dispose(disposing);
    }
}

/// <summary>A circuit starts only on a session that still holds (the cache is skipped: a cookie refused a second ago must not open one).</summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider auth) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        if (auth is SessionAuthenticationStateProvider sessions) await sessions.EnsureValidAsync(ct);
    }
}
