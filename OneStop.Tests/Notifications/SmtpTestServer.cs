using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace OneStop.Tests.Notifications;

/// <summary>
/// A minimal real SMTP server on 127.0.0.1 (a free port): EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET,
/// NOOP, QUIT. It keeps every message it accepted; <see cref="FailNext"/> makes the next DATA fail
/// with a 451 so tests can see retries.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<ReceivedMail> _messages = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int FailNext { get; set; }

    public IReadOnlyList<ReceivedMail> Messages { get { lock (_messages) return _messages.ToList(); } }

    public SmtpTestServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost OneStop test SMTP");
        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            if (line.StartsWith("MAIL FROM:", StringComparison.OrdinalIgnoreCase)) { from = Address(line); await writer.WriteLineAsync("250 OK"); }
            else if (line.StartsWith("RCPT TO:", StringComparison.OrdinalIgnoreCase)) { to.Add(Address(line)); await writer.WriteLineAsync("250 OK"); }
            else if (verb is "EHLO") { await writer.WriteLineAsync("250-localhost"); await writer.WriteLineAsync("250 8BITMIME"); }
            else if (verb is "HELO" or "NOOP") await writer.WriteLineAsync("250 OK");
            else if (verb is "RSET") { from = null; to.Clear(); await writer.WriteLineAsync("250 OK"); }
            else if (verb is "DATA")
            {
                await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                var data = new StringBuilder();
                while (await reader.ReadLineAsync() is { } l && l != ".")
                    data.Append(l.StartsWith("..") ? l[1..] : l).Append("\r\n");
                bool fail;
                lock (_messages) { fail = FailNext > 0; if (fail) FailNext--; }
                if (fail) { await writer.WriteLineAsync("451 Try again later"); }
                else
                {
                    lock (_messages) _messages.Add(ReceivedMail.Parse(from ?? "", to.ToList(), data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                }
                from = null; to.Clear();
            }
            else if (verb is "QUIT") { await writer.WriteLineAsync("221 Bye"); return; }
            else await writer.WriteLineAsync("502 Command not implemented");
        }
    }

    private static string Address(string line)
    {
        var m = Regex.Match(line, "<([^>]*)>");
        return m.Success ? m.Groups[1].Value : line.Split(':', 2)[1].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch { }
    }
}

/// <summary>One message as the server got it, with the Subject and body decoded back to text.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Raw, IReadOnlyDictionary<string, string> Headers, string Subject, string Body)
{
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
