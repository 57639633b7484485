using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Disputes.Web.Hosting;

/// <summary>
/// The data-protection key ring signs and encrypts sign-in cookies, bearer tokens and antiforgery tokens, and it lives
/// in the database (<c>DataProtectionKeys</c>). Outside Development it is encrypted there, so a copy of the database
/// (a backup, a DBA's export) is not enough to forge a session: with a certificate, or with a 256-bit key from
/// configuration (kept in the deployment's secret store, apart from the database).
/// </summary>
public static class KeyRingHostingExtensions
{
    public const string Section = "DataProtection";
    public const string KeyEncryptionKeySetting = Section + ":KeyEncryptionKey";
    public const string CertificatePathSetting = Section + ":Certificate:Path";
    public const string CertificatePasswordSetting = Section + ":Certificate:Password";
    public const string AllowUnencryptedSetting = Section + ":AllowUnencryptedKeys";

    /// <summary>After <see cref="DatabaseHostingExtensions.AddDisputesDatabase"/>, which stores the keys.</summary>
    public static IHostApplicationBuilder AddDisputesKeyRingProtection(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var key = configuration[KeyEncryptionKeySetting];
        var certificatePath = configuration[CertificatePathSetting];
        var dataProtection = builder.Services.AddDataProtection();

        if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(certificatePath))
        {
            throw new InvalidOperationException($"Both {KeyEncryptionKeySetting} and {CertificatePathSetting} are set: set one, the key ring is encrypted one way.");
        }

        if (!string.IsNullOrWhiteSpace(key))
        {
            var encryptionKey = KeyEncryptionKey.Parse(key);
            builder.Services.AddSingleton(encryptionKey);
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(encryptionKey));
        }
        else if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            // Also registered for decryption, so keys it encrypted are read without the certificate in a machine store.
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration[CertificatePasswordSetting]));
        }
        else if (!builder.Environment.IsDevelopment() && !configuration.GetValue<bool>(AllowUnencryptedSetting))
        {
            throw new InvalidOperationException(
                $"The data-protection key ring would be stored unencrypted in the database. Set {KeyEncryptionKeySetting} " +
                $"(32 random bytes, base64: openssl rand -base64 32) or {CertificatePathSetting} (a .pfx, with " +
                $"{CertificatePasswordSetting}); or, knowingly, {AllowUnencryptedSetting}=true.");
        }

        return builder;
    }
}

/// <summary>A 256-bit AES key for the key ring, and a short fingerprint of it that the encrypted XML names.</summary>
public sealed class KeyEncryptionKey
{
    private KeyEncryptionKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = Convert.ToHexStringLower(SHA256.HashData([.. "Disputes key-ring key id\n"u8, .. bytes]).AsSpan(0, 8));
    }

    internal byte[] Bytes { get; }

    /// <summary>Tells which key encrypted an element, so the wrong key gives a clear error rather than a failed tag.</summary>
    public string Id { get; }

    public static KeyEncryptionKey Parse(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{KeyRingHostingExtensions.KeyEncryptionKeySetting} is not base64.");
        }

        return bytes.Length == 32
            ? new KeyEncryptionKey(bytes)
            : throw new InvalidOperationException($"{KeyRingHostingExtensions.KeyEncryptionKeySetting} holds {bytes.Length} bytes; it must be 32 (openssl rand -base64 32).");
    }
}

/// <summary>
/// Encrypts a key's secret with AES-256-GCM (ASP.NET Core has certificate, DPAPI and Windows encryptors, none for a
/// key from configuration). The element holds nonce, tag and ciphertext; the framework wraps it in
/// <c>&lt;encryptedSecret decryptorType="…AesGcmXmlDecryptor"&gt;</c> in place of the clear <c>&lt;masterKey&gt;</c>.
/// </summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal const string ElementName = "aesGcmEncryptedSecret";
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    /// <summary>Binds the ciphertext to its purpose: the same key used elsewhere cannot have a blob passed off here.</summary>
    internal static readonly byte[] AssociatedData = "Disputes data-protection key ring"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName,
            new XAttribute("keyId", key.Id),
            new XComment(" AES-256-GCM with DataProtection:KeyEncryptionKey; value is nonce, tag, ciphertext "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>
/// Created by the key manager from the type name in the XML, with the app's services (hence the
/// <see cref="IServiceProvider"/> constructor): the key comes from there, not from a static.
/// </summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyEncryptionKey>()
            ?? throw new InvalidOperationException($"The key ring was encrypted with {KeyRingHostingExtensions.KeyEncryptionKeySetting}, which is not set.");
        var keyId = (string?)encryptedElement.Attribute("keyId");
        if (keyId != key.Id)
        {
            throw new InvalidOperationException(
                $"This key-ring entry was encrypted with key {keyId}; {KeyRingHostingExtensions.KeyEncryptionKeySetting} is key {key.Id}.");
        }

        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        if (sealedBytes.Length < AesGcmXmlEncryptor.NonceSize + AesGcmXmlEncryptor.TagSize)
        {
            throw new CryptographicException("The encrypted key-ring entry is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - AesGcmXmlEncryptor.NonceSize - AesGcmXmlEncryptor.TagSize];
        using (var aes = new AesGcm(key.Bytes, AesGcmXmlEncryptor.TagSize))
        {
            aes.Decrypt(
                sealedBytes.AsSpan(0, AesGcmXmlEncryptor.NonceSize),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize + AesGcmXmlEncryptor.TagSize),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize, AesGcmXmlEncryptor.TagSize),
                plaintext,
                AesGcmXmlEncryptor.AssociatedData);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
