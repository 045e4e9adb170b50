using System.Text;
using System.Text.RegularExpressions;

namespace OneStop.Tests.Notifications;

/// <summary>One message as the server got it, with the Subject and body decoded back to text.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Raw, IReadOnlyDictionary<string, string> Headers, string Subject, string Body)
{
    /// <summary>The message came after STARTTLS (or over SMTPS).</summary>
    public bool OverTls { get; init; }
    /// <summary>The user the session authenticated as, if it did.</summary>
    public string? AuthenticatedUser { get; init; }

    public static ReceivedMail Parse(string from, List<string> recipients, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = raw[..split];
        var bodyRaw = raw[(split + 4)..];
        // Unfold continuation lines, then one entry per header (the first of a name wins).
        var unfolded = Regex.Replace(head, "\r\n[ \t]+", " ");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in unfolded.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        var subject = DecodeWords(headers.GetValueOrDefault("Subject") ?? "");
        var transfer = headers.GetValueOrDefault("Content-Transfer-Encoding")?.ToLowerInvariant();
        var charset = Regex.Match(headers.GetValueOrDefault("Content-Type") ?? "", "charset=\"?([^\";]+)", RegexOptions.IgnoreCase) is { Success: true } c
            ? Encoding.GetEncoding(c.Groups[1].Value) : Encoding.ASCII;
        var body = transfer switch
        {
            "base64" => charset.GetString(Convert.FromBase64String(Regex.Replace(bodyRaw, @"\s", ""))),
            "quoted-printable" => charset.GetString(QuotedPrintable(bodyRaw)),
            _ => bodyRaw,
        };
        return new ReceivedMail(from, recipients, raw, headers, subject, body.TrimEnd('\r', '\n'));
    }

    /// <summary>RFC 2047 encoded words (B and Q), with the whitespace between adjacent words dropped.</summary>
    public static string DecodeWords(string value)
    {
        var word = @"=\?([^?]+)\?([BbQq])\?([^?]*)\?=";
        value = Regex.Replace(value, $@"({word})\s+(?==\?)", "$1");
        return Regex.Replace(value, word, m =>
        {
            var enc = Encoding.GetEncoding(m.Groups[1].Value);
            var text = m.Groups[3].Value;
            return m.Groups[2].Value is "B" or "b"
                ? enc.GetString(Convert.FromBase64String(text))
                : enc.GetString(QuotedPrintable(text.Replace('_', ' ')));
        });
    }

    private static byte[] QuotedPrintable(string text)
    {
        text = Regex.Replace(text, "=\r\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.Add((byte)text[i]);
        }
        return bytes.ToArray();
    }
}
