using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OneStop.Domain.Webhooks;

/// <summary>A webhook target refused by the rules against server-side request forgery; the message names the rule.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// What a subscription may point at, so webhooks cannot be used to make this server call itself or the internal
/// network: an absolute http(s) URL without credentials, not one of our own host names, and (unless
/// OneStop:Webhooks:AllowPrivateTargets) only public addresses. Checked when an admin registers the URL and again at
/// each send: <see cref="ResolveAsync"/> is what the delivery client's connect callback calls, so the address checked is
/// the address connected to, whatever the DNS answers between the two (DNS rebinding).
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    public const int MaxUrl = 500;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
    private readonly ConcurrentDictionary<string, byte> _seenOwnAuthorities = new(StringComparer.OrdinalIgnoreCase);

    private WebhookOptions O => options.Value;

    /// <summary>Remembers the address the app was opened by (the settings page's base URI), so later sends refuse it too.</summary>
    public void RememberOwnBase(Uri? ownBase)
    {
        if (ownBase is { IsAbsoluteUri: true }) _seenOwnAuthorities.TryAdd(ownBase.Authority, 0);
    }

    /// <summary>The URL's shape: null when fine, else the message (in the screen's language) for the URL field.</summary>
    public string? ShapeError(string? url, Uri? ownBase = null)
    {
        if (string.IsNullOrWhiteSpace(url)) return UiText.Say("Địa chỉ nhận: bắt buộc.", "Endpoint URL: required.");
        url = url.Trim();
        if (url.Length > MaxUrl) return UiText.Say($"Địa chỉ nhận: tối đa {MaxUrl} ký tự.", $"Endpoint URL: at most {MaxUrl} characters.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc || url.StartsWith('/'))
            return UiText.Say("Địa chỉ nhận: phải là địa chỉ đầy đủ, ví dụ https://sms.example.vn/onestop.",
                "Endpoint URL: must be a full address, such as https://sms.example.vn/onestop.");
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return UiText.Say($"Địa chỉ nhận: chỉ nhận http hoặc https (không nhận «{uri.Scheme}:»).",
                $"Endpoint URL: only http or https is accepted (not \"{uri.Scheme}:\").");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return UiText.Say("Địa chỉ nhận: không được chứa tên đăng nhập hay mật khẩu.", "Endpoint URL: must not contain a user name or password.");
        if (IsOwnHost(uri, ownBase))
            return UiText.Say("Địa chỉ nhận: không được trỏ về chính hệ thống OneStop.", "Endpoint URL: must not point back at OneStop itself.");
        if (!O.AllowPrivateTargets && (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
            return Refusal(uri.Host, "loopback");
        if (!O.AllowPrivateTargets && IPAddress.TryParse(uri.IdnHost, out var literal) && Classify(literal) is { } rule)
            return Refusal(uri.Host, rule);
        return null;
    }

    /// <summary>The full check at registration: the shape, then every address the name resolves to now.</summary>
    public async Task<string?> RegistrationErrorAsync(string? url, Uri? ownBase, CancellationToken ct = default)
    {
        if (ShapeError(url, ownBase) is { } error) return error;
        if (O.AllowPrivateTargets) return null;
        var uri = new Uri(url!.Trim());
        try
        {
            await ResolveAsync(uri.IdnHost, ct);
            return null;
        }
        catch (WebhookTargetRefusedException e) { return e.Message; }
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> that may be connected to; refuses (throws) when any of them is not
    /// allowed: a name that answers both a public and a private address is not trusted with either.
    /// </summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) addresses = [literal];
        else
        {
            try { addresses = await _resolve(host, ct); }
            catch (SocketException e)
            {
                throw new WebhookTargetRefusedException(UiText.Say($"Địa chỉ nhận: không phân giải được tên miền «{host}» ({e.SocketErrorCode}).",
                    $"Endpoint URL: the name \"{host}\" does not resolve ({e.SocketErrorCode})."));
            }
        }
        if (addresses.Length == 0)
            throw new WebhookTargetRefusedException(UiText.Say($"Địa chỉ nhận: tên miền «{host}» không có địa chỉ.", $"Endpoint URL: \"{host}\" has no address."));
        if (O.AllowPrivateTargets) return addresses;
        foreach (var a in addresses)
            if (Classify(a) is { } rule) throw new WebhookTargetRefusedException(Refusal($"{host} → {a}", rule));
        return addresses;
    }

    /// <summary>The send-time check of the URL itself (a subscription made while the rules were looser, or edited in the database).</summary>
    public void CheckAtSend(Uri uri)
    {
        if (ShapeError(uri.OriginalString) is { } error) throw new WebhookTargetRefusedException(error);
    }

    private bool IsOwnHost(Uri uri, Uri? ownBase)
    {
        if (ownBase is { IsAbsoluteUri: true } && string.Equals(ownBase.Authority, uri.Authority, StringComparison.OrdinalIgnoreCase)) return true;
        if (_seenOwnAuthorities.ContainsKey(uri.Authority)) return true;
        return O.OwnHosts.Any(h => string.Equals(h.Trim(), uri.Host, StringComparison.OrdinalIgnoreCase)
                                   || string.Equals(h.Trim(), uri.Authority, StringComparison.OrdinalIgnoreCase));
    }

    private static string Refusal(string what, string rule) => rule switch
    {
        "loopback" => UiText.Say($"Địa chỉ nhận: «{what}» là địa chỉ nội bộ của máy chủ (loopback), không được phép.",
            $"Endpoint URL: \"{what}\" is this server's loopback address, which is not allowed."),
        "link-local" => UiText.Say($"Địa chỉ nhận: «{what}» là địa chỉ link-local (169.254.x, fe80::), không được phép.",
            $"Endpoint URL: \"{what}\" is a link-local address (169.254.x, fe80::), which is not allowed."),
        "private" => UiText.Say($"Địa chỉ nhận: «{what}» là địa chỉ mạng nội bộ (10.x, 172.16–31.x, 192.168.x…), không được phép.",
            $"Endpoint URL: \"{what}\" is a private network address (10.x, 172.16–31.x, 192.168.x…), which is not allowed."),
        "own" => UiText.Say($"Địa chỉ nhận: «{what}» là địa chỉ của chính máy chủ OneStop, không được phép.",
            $"Endpoint URL: \"{what}\" is an address of the OneStop server itself, which is not allowed."),
        _ => UiText.Say($"Địa chỉ nhận: «{what}» là địa chỉ dành riêng, không được phép.",
            $"Endpoint URL: \"{what}\" is a reserved address, which is not allowed."),
    };

    /// <summary>Why an address may not be called ("loopback", "private", "link-local", "reserved", "own"), or null for a public one.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return "loopback";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127))
                return "private";
            if (b[0] == 169 && b[1] == 254) return "link-local";
            if (b[0] == 0 || b[0] >= 224 || (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 198 && b[1] is 18 or 19)) return "reserved";
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return "reserved";
            if (address.IsIPv6LinkLocal) return "link-local";
            var b = address.GetAddressBytes();
            if ((b[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal) return "private";
            if (address.IsIPv6Multicast) return "reserved";
        }
        else return "reserved";
        return OwnAddresses.Value.Contains(address) ? "own" : null;
    }

    /// <summary>This machine's own addresses (a public one included): calling them is calling ourselves.</summary>
    private static readonly Lazy<HashSet<IPAddress>> OwnAddresses = new(() =>
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)
                .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToHashSet();
        }
        catch (NetworkInformationException) { return []; }
    });
}
