using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace OneStop.Domain.Webhooks;

/// <summary>
/// Makes and keeps signing secrets. A hash would not do: the sender needs the secret itself to compute each HMAC. So it
/// is encrypted at rest with ASP.NET Data Protection. Its key ring is shared by the nodes in the database itself, so a copy
/// of the database reveals the secrets unless the keys are encrypted with a certificate (KeyRingCertificate, README
/// "Several web nodes"). Shown to the admin once, at creation; the page never reads it back.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("OneStop.Webhooks.SigningSecret.v1");

    /// <summary>"whsec_" and 32 random bytes, base64url: 256 bits, as long as the HMAC's key block needs.</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret, or an exception that says why not (a key ring lost or replaced: make a new secret).</summary>
    public string Unprotect(string protectedSecret)
    {
        try { return _protector.Unprotect(protectedSecret); }
        catch (CryptographicException e)
        {
            throw new CryptographicException("The signing secret cannot be decrypted (the Data Protection key ring changed?): give the subscription a new secret.", e);
        }
    }
}
