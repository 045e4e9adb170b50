using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace OneStop.Tests.Notifications;

/// <summary>
/// A minimal real SMTP server on 127.0.0.1 (a free port): EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET,
/// NOOP, QUIT; STARTTLS when given a <see cref="Certificate"/>; AUTH PLAIN and LOGIN when given
/// <see cref="Credentials"/>. It keeps every message it accepted and every AUTH it was sent;
/// <see cref="FailNext"/> makes the next DATA fail with a 451 so tests can see retries.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<ReceivedMail> _messages = new();
    private readonly List<AuthAttempt> _auths = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int FailNext { get; set; }
    /// <summary>Offers STARTTLS with this certificate.</summary>
    public X509Certificate2? Certificate { get; init; }
    /// <summary>Offers AUTH PLAIN LOGIN and accepts only this user and password.</summary>
    public (string User, string Password)? Credentials { get; init; }
    /// <summary>Refuses MAIL FROM before a successful AUTH (530), as a submission server does.</summary>
    public bool RequireAuth { get; init; }

    public IReadOnlyList<ReceivedMail> Messages { get { lock (_messages) return _messages.ToList(); } }
    /// <summary>Every AUTH the server was sent, with the password as it arrived and whether TLS protected it.</summary>
    public IReadOnlyList<AuthAttempt> Auths { get { lock (_messages) return _auths.ToList(); } }

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
            _ = Task.Run(async () => { try { await ServeAsync(client); } catch (IOException) { } catch (AuthenticationFailure) { } });
        }
    }

    private sealed class AuthenticationFailure(Exception inner) : Exception("TLS handshake failed", inner);

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Stream stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost OneStop test SMTP");
        string? from = null, user = null;
        var tls = false;
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            if (line.StartsWith("MAIL FROM:", StringComparison.OrdinalIgnoreCase))
            {
                if (RequireAuth && user is null) { await writer.WriteLineAsync("530 5.7.0 Authentication required"); continue; }
                from = Address(line); await writer.WriteLineAsync("250 OK");
            }
            else if (line.StartsWith("RCPT TO:", StringComparison.OrdinalIgnoreCase)) { to.Add(Address(line)); await writer.WriteLineAsync("250 OK"); }
            else if (verb is "EHLO")
            {
                await writer.WriteLineAsync("250-localhost");
                if (Certificate is not null && !tls) await writer.WriteLineAsync("250-STARTTLS");
                if (Credentials is not null) await writer.WriteLineAsync("250-AUTH PLAIN LOGIN");
                await writer.WriteLineAsync("250 8BITMIME");
            }
            else if (verb is "STARTTLS" && Certificate is not null && !tls)
            {
                await writer.WriteLineAsync("220 2.0.0 Ready to start TLS");
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                try { await ssl.AuthenticateAsServerAsync(Certificate); }
                catch (Exception e) { throw new AuthenticationFailure(e); }
                stream = ssl; tls = true;
                reader = new StreamReader(stream, Encoding.Latin1);
                writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                from = null; user = null; to.Clear();   // RFC 3207: the session starts over.
            }
            else if (verb is "AUTH" && Credentials is { } expected)
            {
                var (name, password) = await ReadAuthAsync(line, reader, writer);
                var ok = name == expected.User && password == expected.Password;
                lock (_messages) _auths.Add(new AuthAttempt(name, password, tls, ok));
                if (ok) { user = name; await writer.WriteLineAsync("235 2.7.0 Authentication successful"); }
                else await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
            }
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
                    var mail = ReceivedMail.Parse(from ?? "", to.ToList(), data.ToString()) with { OverTls = tls, AuthenticatedUser = user };
                    lock (_messages) _messages.Add(mail);
                    await writer.WriteLineAsync("250 OK queued");
                }
                from = null; to.Clear();
            }
            else if (verb is "QUIT") { await writer.WriteLineAsync("221 Bye"); return; }
            else await writer.WriteLineAsync("502 Command not implemented");
        }
    }

    /// <summary>AUTH PLAIN [initial response] (RFC 4616) or AUTH LOGIN (user, then password, each base64).</summary>
    private static async Task<(string? User, string? Password)> ReadAuthAsync(string line, StreamReader reader, StreamWriter writer)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var mechanism = parts.Length > 1 ? parts[1].ToUpperInvariant() : "";
        if (mechanism == "PLAIN")
        {
            var initial = parts.Length > 2 ? parts[2] : null;
            if (initial is null) { await writer.WriteLineAsync("334 "); initial = await reader.ReadLineAsync(); }
            var fields = Decode(initial).Split('\0');
            return fields.Length == 3 ? (fields[1], fields[2]) : (null, null);
        }
        if (mechanism == "LOGIN")
        {
            var name = parts.Length > 2 ? Decode(parts[2]) : null;
            if (name is null) { await writer.WriteLineAsync("334 VXNlcm5hbWU6"); name = Decode(await reader.ReadLineAsync()); }
            await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
            return (name, Decode(await reader.ReadLineAsync()));
        }
        return (null, null);
    }

    private static string Decode(string? base64)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? "")); }
        catch (FormatException) { return ""; }
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

/// <summary>One AUTH exchange as the server saw it.</summary>
public sealed record AuthAttempt(string? User, string? Password, bool OverTls, bool Accepted);
