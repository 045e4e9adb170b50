using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OneStop.Tests.Webhooks;

/// <summary>
/// An integrator's receiver, written from the README's "Verifying a delivery" and nothing else of ours: a real Kestrel
/// endpoint on a loopback port that answers 401 to a bad signature or a timestamp outside five minutes, 204 otherwise.
/// </summary>
public sealed class SigningReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Received> _log = new();
    public string Secret { get; set; } = "";
    /// <summary>The receiver's own clock (to replay a delivery later than it was sent).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
    public int Status { get; set; } = 204;
    public Uri Url { get; }
    public IReadOnlyList<Received> Log { get { lock (_log) return _log.ToList(); } }

    public sealed record Received(byte[] Body, Dictionary<string, string> Headers, int Answer);

    public SigningReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var answer = Verify(body, headers.GetValueOrDefault("X-OneStop-Timestamp"), headers.GetValueOrDefault("X-OneStop-Signature")) ? Status : 401;
            lock (_log) _log.Add(new Received(body, headers, answer));
            return Results.StatusCode(answer);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
    }

    // The README's ten lines, as an integrator would paste them.
    private bool Verify(byte[] body, string? timestamp, string? signature)
    {
        if (!long.TryParse(timestamp, out var ts) || Math.Abs(Clock().ToUnixTimeSeconds() - ts) > 300) return false;
        var key = Encoding.UTF8.GetBytes(Secret);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = "v1=" + Convert.ToHexString(HMACSHA256.HashData(key, signed)).ToLowerInvariant();
        return signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>Posts a delivery again as an attacker who captured it would, possibly changed.</summary>
    public async Task<int> ReplayAsync(Received r, byte[]? body = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(body ?? r.Body) };
        foreach (var h in new[] { "X-OneStop-Timestamp", "X-OneStop-Signature", "X-OneStop-Delivery" }) request.Headers.Add(h, r.Headers[h]);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
