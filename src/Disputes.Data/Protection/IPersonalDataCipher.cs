namespace Disputes.Data.Protection;

/// <summary>
/// Encrypts personal data (resident ID numbers, phones, an enterprise's contact) before it reaches a column, and gives
/// the keyed hash that stands in for an ID number wherever the database compares one. The keys live outside the
/// database; the web host implements this (<c>Disputes.Web.Crypto.PersonalDataCipher</c>) and hands it to the
/// context with <see cref="PersonalDataProtection.UsePersonalDataProtection"/>.
/// </summary>
/// <remarks>
/// (Named apart from Identity's own <c>IPersonalDataProtector</c>, which this app does not use.) Contexts whose ciphers are <see cref="object.Equals(object)"/> share one EF Core model (the converters hold the
/// protector), so an implementation compares equal exactly when it uses the same keys.
/// </remarks>
public interface IPersonalDataCipher
{
    /// <param name="purpose">The column's <see cref="PersonalDataPurpose"/>: bound into the ciphertext, so a value cannot be moved to another column.</param>
    byte[] Protect(string purpose, string clear);

    /// <summary>The clear text; throws when the bytes were changed, were made for another purpose, or their key is not configured.</summary>
    string Unprotect(string purpose, byte[] stored);

    /// <summary>The keyed hash (<see cref="PersonalDataPurpose.HashLength"/> bytes) that finds and compares a value without revealing it.</summary>
    byte[] Hash(string purpose, string clear);
}

/// <summary>What each protected column holds, and how big its ciphertext can get.</summary>
public static class PersonalDataPurpose
{
    public const string WorkerIdNumber = "WorkerClaims.IdNumber";
    public const string WorkerPhone = "WorkerClaims.Phone";
    public const string EnterpriseContact = "Enterprises.Contact";
    public const string UserPhone = "AspNetUsers.PhoneNumber";

    /// <summary>A keyed hash: HMAC-SM3 and HMAC-SHA-256 both give 32 bytes.</summary>
    public const int HashLength = 32;

    /// <summary>The longest key id a ciphertext can name.</summary>
    public const int MaxKeyIdLength = 24;

    /// <summary>
    /// Bytes a ciphertext adds to its clear text: format version, suite, the key id's length and the key id, the
    /// 12-byte nonce and the 16-byte tag.
    /// </summary>
    public const int Overhead = 3 + MaxKeyIdLength + 12 + 16;

    /// <summary>The column size for a text of at most <paramref name="characters"/> (UTF-8: 3 bytes a character at most; 1 when ASCII).</summary>
    public static int ColumnLength(int characters, bool ascii = false) => characters * (ascii ? 1 : 3) + Overhead;

    /// <summary>
    /// The first byte of a value the <c>PersonalDataAtRest</c> migration moved from a clear column, not yet encrypted: 'P'
    /// then the text in UTF-8 (SQLite), 'W' then the text in UTF-16LE (SQL Server). A ciphertext starts with 1.
    /// </summary>
    public const byte PendingUtf8 = (byte)'P';

    public const byte PendingUtf16 = (byte)'W';
}
