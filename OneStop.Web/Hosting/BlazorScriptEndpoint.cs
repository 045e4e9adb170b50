using System.Security.Cryptography;

namespace OneStop.Web.Hosting;

/// <summary>
/// Serves /_framework/blazor.web.js from the copy embedded at build (build/BlazorWebJs.targets),
/// because our feed lacks the package that normally provides it.
/// </summary>
internal static class BlazorScriptEndpoint
{
    private const string ResourceName = "OneStop.Web.blazor.web.js";

    public static void MapBlazorScript(this WebApplication app)
    {
        using var stream = typeof(BlazorScriptEndpoint).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return; // built with UseSdkBlazorScript=true: the SDK serves its own.
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"";

        app.MapGet("/_framework/blazor.web.js", (HttpContext http) =>
        {
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "no-cache";
            if (http.Request.Headers.IfNoneMatch == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(bytes, "text/javascript");
        }).ExcludeFromDescription();
    }
}
