using System.Security.Cryptography;
using System.Text;

namespace OneStop.Web.Hosting;

/// <summary>
/// Security headers on every response. The content security policy allows what Blazor Server and MudBlazor need and
/// nothing more: scripts only from this site (Blazor Server needs no eval), plus the one inline handler the
/// printables use (the print button's <c>window.print()</c>, allowed by its hash); inline styles (MudBlazor sets
/// style attributes); the circuit's WebSocket to this site; no framing by anyone.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The print button's inline handler, the only inline script the app has.</summary>
    public const string PrintHandler = "window.print()";

    public static readonly string ContentSecurityPolicy = string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'unsafe-hashes' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(PrintHandler)))}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(http);
    });
}
