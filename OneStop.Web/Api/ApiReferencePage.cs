using System.Net;
using System.Text;
using Microsoft.AspNetCore.OpenApi;

namespace OneStop.Web.Api;

/// <summary>
/// /api/docs: the OpenAPI document as a page for people, rendered on the server from the same document as
/// /openapi/v1.json. Plain HTML and no script at all, so the strict script policy (SecurityHeaders) holds; Scalar
/// restores here but its page boots from an inline script, which that policy refuses.
/// </summary>
public static class ApiReferencePage
{
    public const string Path = "/api/docs";

    public static void MapApiReference(this WebApplication app) => app.MapGet(Path, async (HttpContext http, IServiceProvider services) =>
    {
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1");
        var doc = await provider.GetOpenApiDocumentAsync(http.RequestAborted);
        var h = new StringBuilder();
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        h.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
         .Append($"<title>{E(doc.Info?.Title)} · API</title>")
         .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
         .Append("code,pre{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}")
         .Append(".m{font-weight:700;text-transform:uppercase;margin-right:.5rem}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}</style></head><body>")
         .Append($"<h1>{E(doc.Info?.Title)} <small>{E(doc.Info?.Version)}</small></h1><p>{E(doc.Info?.Description)}</p>")
         .Append("<p>Tài liệu máy đọc: <a href=\"/openapi/v1.json\">/openapi/v1.json</a>. Webhook: xem README, mục «Webhooks».</p>");
        if (doc.Components?.SecuritySchemes is { Count: > 0 } schemes)
        {
            h.Append("<h2>Xác thực</h2><ul>");
            foreach (var (name, s) in schemes) h.Append($"<li><code>{E(name)}</code>: header <code>{E(s.Name)}</code>. {E(s.Description)}</li>");
            h.Append("</ul>");
        }
        h.Append("<h2>Các thao tác</h2>");
        foreach (var (path, item) in doc.Paths ?? [])
            foreach (var (method, op) in item.Operations ?? [])
            {
                h.Append($"<section class=\"op\"><h3><span class=\"m\">{E(method.Method)}</span><code>{E(path)}</code></h3>");
                if (!string.IsNullOrEmpty(op.Summary)) h.Append($"<p><strong>{E(op.Summary)}</strong></p>");
                if (!string.IsNullOrEmpty(op.Description)) h.Append($"<p>{E(op.Description)}</p>");
                if (op.Parameters is { Count: > 0 } ps)
                {
                    h.Append("<table><tr><th>Tham số</th><th>Ở đâu</th><th>Bắt buộc</th><th>Mô tả</th></tr>");
                    foreach (var p in ps) h.Append($"<tr><td><code>{E(p.Name)}</code></td><td>{E(p.In?.ToString())}</td><td>{(p.Required ? "có" : "")}</td><td>{E(p.Description)}</td></tr>");
                    h.Append("</table>");
                }
                if (op.RequestBody?.Content is { Count: > 0 } body)
                    h.Append($"<p>Nội dung gửi: {string.Join(", ", body.Keys.Select(k => $"<code>{E(k)}</code>"))}</p>");
                if (op.Responses is { Count: > 0 } rs)
                {
                    h.Append("<table><tr><th>Mã</th><th>Ý nghĩa</th></tr>");
                    foreach (var (code, r) in rs) h.Append($"<tr><td>{E(code)}</td><td>{E(r.Description)}</td></tr>");
                    h.Append("</table>");
                }
                h.Append("</section>");
            }
        h.Append("</body></html>");
        return Results.Content(h.ToString(), "text/html; charset=utf-8");
    }).ExcludeFromDescription().AllowAnonymous();
}
