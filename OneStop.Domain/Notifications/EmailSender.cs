using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace OneStop.Domain.Notifications;

/// <summary>Sends one notification by e-mail through System.Net.Mail (MailKit is not on our feed).</summary>
public sealed class EmailSender(IOptions<NotificationOptions> options)
{
    public async Task SendAsync(Notification n, string toAddress, string? toName, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host) || string.IsNullOrWhiteSpace(smtp.Sender))
            throw new InvalidOperationException("E-mail is not configured (OneStop:Notifications:Smtp:Host and Sender).");

        using var message = new MailMessage
        {
            From = new MailAddress(smtp.Sender, smtp.SenderName, Encoding.UTF8),
            Subject = n.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = n.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            HeadersEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(toAddress, toName ?? "", Encoding.UTF8));
        message.Headers.Add("X-OneStop-Notification", n.DedupeKey);

        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = smtp.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(smtp.UserName))
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
        await client.SendMailAsync(message, timeout.Token);
    }
}
