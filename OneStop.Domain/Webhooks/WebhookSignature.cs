using System.Security.Cryptography;
using System.Text;

namespace OneStop.Domain.Webhooks;

/// <summary>
/// How a delivery is signed (the README's "Verifying a delivery" says the same to receivers):
/// X-OneStop-Signature = "v1=" + lowercase hex of HMAC-SHA256, keyed with the secret's UTF-8 bytes, over
/// "{X-OneStop-Timestamp}.{body}" (the Unix seconds, a dot, the raw body bytes). The timestamp is signed so a
/// receiver can refuse a replay: anything older (or newer) than five minutes.
/// </summary>
public static class WebhookSignature
{
    public const string DeliveryHeader = "X-OneStop-Delivery";
    public const string EventHeader = "X-OneStop-Event";
    public const string TimestampHeader = "X-OneStop-Timestamp";
    public const string SignatureHeader = "X-OneStop-Signature";
    public const string Version = "v1";
    /// <summary>The replay window receivers are told to keep.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + "=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
