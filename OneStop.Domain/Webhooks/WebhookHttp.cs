using System.Net;
using System.Net.Sockets;

namespace OneStop.Domain.Webhooks;

/// <summary>
/// The delivery client's handler. Its connect callback resolves the host through <see cref="WebhookTargetGuard"/> and
/// connects to exactly the addresses it allowed, so a name that resolved to a public address at registration and to
/// 10.0.0.1 now is refused at the socket, not after. No proxy (it would connect for us, past the check), no redirects
/// (a 3xx to an internal address would be the same hole), no cookies.
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "onestop-webhooks";

    public static SocketsHttpHandler Handler(WebhookTargetGuard guard) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await guard.ResolveAsync(context.DnsEndPoint.Host, ct);
            Exception? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    last = e;
                    if (ct.IsCancellationRequested) throw;
                }
            }
            throw last ?? new SocketException((int)SocketError.HostNotFound);
        },
    };
}
