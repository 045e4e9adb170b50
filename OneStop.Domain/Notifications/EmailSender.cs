using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OneStop.Domain.Notifications;

/// <summary>Sends one notification by e-mail through MailKit: one connection per message, secured as configured.</summary>
public sealed class EmailSender(IOptions<NotificationOptions> options)
{
    public async Task SendAsync(Notification n, string toAddress, string? toName, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host) || string.IsNullOrWhiteSpace(smtp.Sender))
            throw new InvalidOperationException("E-mail is not configured (OneStop:Notifications:Smtp:Host and Sender).");

        using var message = Compose(n, smtp, toAddress, toName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        if (!string.IsNullOrWhiteSpace(smtp.CertificateThumbprint))
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || Matches(certificate, smtp.CertificateThumbprint);

        await client.ConnectAsync(smtp.Host, smtp.Port, Map(smtp.EffectiveSecurity), timeout.Token);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            // MailKit would send the password over a plain connection if asked; we refuse unless told otherwise.
            if (!client.IsEncrypted && !smtp.AllowPlainTextAuthentication)
                throw new AuthenticationException(
                    $"Refused to send the SMTP password to {smtp.Host}:{smtp.Port} unencrypted: the server did not offer STARTTLS. " +
                    "Set OneStop:Notifications:Smtp:Security to StartTls or SslOnConnect, or AllowPlainTextAuthentication to true for a relay on this host.");
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", timeout.Token);
        }
        await client.SendAsync(message, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }

    private static MimeMessage Compose(Notification n, SmtpOptions smtp, string toAddress, string? toName)
    {
        var message = new MimeMessage { Subject = n.Subject };
        message.From.Add(new MailboxAddress(smtp.SenderName, smtp.Sender!));
        message.To.Add(new MailboxAddress(toName ?? "", toAddress));
        message.Headers.Add("X-OneStop-Notification", n.DedupeKey);
        // Base64 keeps the Vietnamese body intact through relays that do not speak 8BITMIME.
        var body = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.Base64 };
        body.SetText(System.Text.Encoding.UTF8, n.Body);
        message.Body = body;
        return message;
    }

    internal static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>True when the certificate's SHA-1 or SHA-256 thumbprint is the configured one.</summary>
    internal static bool Matches(X509Certificate? certificate, string thumbprint)
    {
        if (certificate is null) return false;
        var wanted = NormalizeThumbprint(thumbprint);
        using var cert = new X509Certificate2(certificate);
        return string.Equals(cert.GetCertHashString(HashAlgorithmName.SHA1), wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(cert.GetCertHashString(HashAlgorithmName.SHA256), wanted, StringComparison.OrdinalIgnoreCase);
    }

    internal static string NormalizeThumbprint(string thumbprint) =>
        new(thumbprint.Where(c => c is not (':' or ' ' or '-')).ToArray());
}
