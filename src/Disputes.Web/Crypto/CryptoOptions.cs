namespace Disputes.Web.Crypto;

/// <summary>The algorithms the app protects data with: China's commercial ones (the default) or the international ones.</summary>
public enum CipherSuite
{
    /// <summary>SM4 encryption and HMAC-SM3 (GB/T 32907, GB/T 32905), through BouncyCastle: what a 密评 assessor expects.</summary>
    SM,

    /// <summary>AES-GCM and HMAC-SHA-256.</summary>
    Standard,
}

/// <summary>
/// <c>Crypto:*</c>. Keys come from configuration (environment variables, a secrets store), never from the database: a
/// copy of the database alone cannot forge or read what they protect. Each key has an id; the current one is used for
/// new data and the others stay to read and check what they made, so a key is rotated by adding a new id and making it
/// current, without downtime.
/// </summary>
public sealed class CryptoOptions
{
    public const string Section = "Crypto";

    public CipherSuite Suite { get; set; } = CipherSuite.SM;

    /// <summary>The id of the key that seals new audit entries.</summary>
    public string? AuditKey { get; set; }

    /// <summary>Audit keys by id, each 32 random bytes in base64 (<c>openssl rand -base64 32</c>).</summary>
    public Dictionary<string, string> AuditKeys { get; set; } = [];

    /// <summary>The id of the key that encrypts personal data written from now on (ID numbers, phones, contacts).</summary>
    public string? DataKey { get; set; }

    /// <summary>
    /// Personal-data keys by id, each 32 random bytes in base64. Every key that encrypted a row still in the database
    /// must stay here until <c>reencrypt-personal-data</c> has moved those rows to the current key.
    /// </summary>
    public Dictionary<string, string> DataKeys { get; set; } = [];

    /// <summary>32 random bytes in base64: the key of the ID numbers' keyed hashes, which the database compares.</summary>
    public string? LookupKey { get; set; }
}
