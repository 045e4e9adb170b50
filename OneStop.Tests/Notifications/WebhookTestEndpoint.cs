using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OneStop.Tests.Notifications;

/// <summary>A tiny real Kestrel app on 127.0.0.1 (a free port) that records POST /hook bodies and answers <see cref="Status"/>.</summary>
public sealed class WebhookTestEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(JsonDocument Body, string? Key)> _received = new();

    public int Status { get; set; } = 200;
    /// <summary>How long the endpoint thinks before it answers (a hung gateway).</summary>
    public TimeSpan Delay { get; set; }
    public Uri Url { get; }
    public int Calls { get { lock (_received) return _received.Count; } }
    public IReadOnlyList<(JsonDocument Body, string? Key)> Received { get { lock (_received) return _received.ToList(); } }

    public WebhookTestEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            var doc = await JsonDocument.ParseAsync(http.Request.Body);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            lock (_received) _received.Add((doc, http.Request.Headers["X-OneStop-Notification"].FirstOrDefault()));
            return Results.Text(Status == 200 ? "ok" : "gateway down", statusCode: Status);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(new Uri(address), "/hook");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
