using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace OneStop.Web.Hosting;

/// <summary>
/// What an unhandled exception answers, in every environment: API callers get problem details (500, a trace id to quote,
/// never the exception's text); people get a short bilingual page with the same trace id and a way back. The answer is
/// written here rather than by re-executing a page, so a failing PUT or POST does not turn into a 405 for the error page,
/// and an error page that itself needs the database (or a circuit) cannot fail a second time. The exception is logged
/// once, by the framework's handler.
/// </summary>
public static class ErrorHandling
{
    public static WebApplication UseOneStopErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async http =>
            {
                var traceId = Activity.Current?.Id ?? http.TraceIdentifier;
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.Problem(statusCode: 500, title: "Lỗi máy chủ",
                        detail: $"Máy chủ gặp lỗi khi xử lý yêu cầu; không có thay đổi nào được ghi nhận một phần. Khi báo lỗi, xin gửi kèm mã {traceId}.",
                        extensions: new Dictionary<string, object?> { ["traceId"] = traceId }).ExecuteAsync(http);
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(Page(traceId));
            },
        });
        return app;
    }

    private static string Page(string traceId)
    {
        var id = WebUtility.HtmlEncode(traceId);
        return $$"""
            <!DOCTYPE html>
            <html lang="vi">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Đã có lỗi xảy ra · Something went wrong</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}code{background:#f0f0f0;padding:0 .3em}</style>
            </head>
            <body>
            <main>
            <h1 data-testid="error-title">Đã có lỗi xảy ra</h1>
            <p>Máy chủ gặp lỗi khi mở trang này. Dữ liệu của bạn không bị thay đổi một phần. Hãy thử lại; nếu lỗi còn, báo cho quản trị hệ thống kèm mã lỗi <code data-testid="error-trace">{{id}}</code>.</p>
            <p lang="en">Something went wrong on the server while opening this page. Nothing was half-saved. Please try again; if it keeps happening, tell the administrator and quote the code above.</p>
            <p><a href="/">Về trang chủ · Back to the overview</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
