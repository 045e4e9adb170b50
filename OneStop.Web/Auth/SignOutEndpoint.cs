using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OneStop.Domain.Audit;
using OneStop.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Staffing;

namespace OneStop.Web.Auth;

/// <summary>
/// POST /signout ends this browser's session (its cookie is refused from then on, even if someone kept a copy);
/// with the form field <c>everywhere=true</c> it ends every session of the account, on every device and node.
/// </summary>
public static class SignOutEndpoint
{
    public static void MapSignOut(this WebApplication app) =>
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery, StaffSessions sessions,
            IDbContextFactory<OneStopDbContext> contexts, TimeProvider time) =>
        {
            // A form post with no bound form fields is not checked automatically; check it here.
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var user = http.User;
            if (user.StaffId() is { } staffId)
            {
                var everywhere = http.Request.HasFormContentType && http.Request.Form["everywhere"] == "true";
                if (everywhere)
                {
                    await sessions.EndAllAsync(staffId, "signout-everywhere", http.RequestAborted);
                    await using var db = await contexts.CreateDbContextAsync(http.RequestAborted);
                    AuditLog.Add(db, time.GetUtcNow().UtcDateTime, staffId, user.DisplayName(), "security.signin", "signout-everywhere",
                        user.Identity?.Name ?? "", "Đăng xuất khỏi mọi thiết bị");
                    await db.SaveChangesAsync(http.RequestAborted);
                }
                else if (user.SessionOf() is { } session) await sessions.EndAsync(staffId, session, http.RequestAborted);
            }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        });
}
