using Microsoft.Extensions.Options;
using MimeKit;

namespace OneStop.Domain.Notifications;

/// <summary>
/// Checks OneStop:Notifications at start-up, so a mistyped SMTP setting stops the app with the key and
/// the rule named, instead of every e-mail failing one by one later.
/// </summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    private const string Smtp = NotificationOptions.Section + ":Smtp";

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        var smtp = options.Smtp;
        if (smtp.Port is < 1 or > 65535)
            errors.Add($"{Smtp}:Port must be between 1 and 65535 (it is {smtp.Port}).");
        if (smtp.TimeoutSeconds < 1)
            errors.Add($"{Smtp}:TimeoutSeconds must be at least 1 (it is {smtp.TimeoutSeconds}).");
        if (!string.IsNullOrWhiteSpace(smtp.Sender) && !MailboxAddress.TryParse(smtp.Sender, out _))
            errors.Add($"{Smtp}:Sender must be an e-mail address such as onestop@hcc.example.gov.vn (it is \"{smtp.Sender}\").");
        if (smtp.Security is { } security && !Enum.IsDefined(security))
            errors.Add($"{Smtp}:Security must be Auto, None, StartTls or SslOnConnect.");
        if (!string.IsNullOrWhiteSpace(smtp.CertificateThumbprint))
        {
            var hex = EmailSender.NormalizeThumbprint(smtp.CertificateThumbprint);
            if (hex.Length is not (40 or 64) || !hex.All(Uri.IsHexDigit))
                errors.Add($"{Smtp}:CertificateThumbprint must be a SHA-1 (40) or SHA-256 (64) hex thumbprint.");
        }
        if (!string.IsNullOrEmpty(smtp.UserName) && smtp.EffectiveSecurity == SmtpSecurity.None && !smtp.AllowPlainTextAuthentication)
            errors.Add($"{Smtp}:Security is None with a UserName: the password would go unencrypted. Use StartTls or SslOnConnect, or set AllowPlainTextAuthentication to true.");
        if (options.MaxAttempts < 1)
            errors.Add($"{NotificationOptions.Section}:MaxAttempts must be at least 1 (it is {options.MaxAttempts}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
