using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace OneStop.Domain.Persistence;

/// <summary>
/// OneStop:DataProtection:Certificate (a PKCS#12 file with its private key) and :CertificatePassword: when set, the shared
/// key ring's keys are encrypted with that certificate before they are stored, so a copy of the database or of a backup
/// alone no longer opens the webhook secrets or forges a sign-in cookie. Every node needs the same file. Without it the
/// keys are stored as ASP.NET stores them on Linux by default: unencrypted, and the database must be guarded instead.
/// </summary>
public static class KeyRingCertificate
{
    public const string Section = "OneStop:DataProtection";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var path = configuration[$"{Section}:Certificate"];
        if (string.IsNullOrWhiteSpace(path)) return builder;
        if (!File.Exists(path))
            throw new InvalidOperationException($"{Section}:Certificate: «{path}» does not exist (a .pfx file with the private key, the same on every node).");
        X509Certificate2 certificate;
        try { certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"]); }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{Section}:Certificate: «{path}» cannot be read as PKCS#12 with {Section}:CertificatePassword ({e.Message}).", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"{Section}:Certificate: «{path}» has no private key; the key ring could be written but never read back.");
        // Keys written before the certificate was set stay readable (they are plain); new ones are encrypted. Decryption
        // looks the certificate up in the store unless it is named here too.
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }
}
