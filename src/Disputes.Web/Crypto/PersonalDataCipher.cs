using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Disputes.Data.Protection;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Disputes.Web.Crypto;

/// <summary>
/// Personal data at rest: SM4-GCM (BouncyCastle's SM4 engine in its GCM mode, GB/T 32907) under the SM suite, AES-256-GCM
/// (.NET's <see cref="AesGcm"/>) under Standard; a random 12-byte nonce and a 128-bit tag each time. A ciphertext is
/// <c>[1][suite][key id length][key id][nonce][encrypted text][tag]</c>; the first bytes, and the column's purpose, are
/// authenticated with it, so a changed byte, a swapped key id or a value moved to another column fails to decrypt
/// rather than reading as something else. Naming its key and suite, every row stays readable after the current key
/// or the suite changes, for as long as its key is configured.
/// </summary>
/// <remarks>
/// Each configured key is 32 random bytes; the cipher's key is derived from it per suite (the suite's HMAC over a
/// label: 16 bytes of HMAC-SM3 for SM4, 32 of HMAC-SHA-256 for AES-256), so one key never serves two ciphers.
/// Lookup hashes are the suite's HMAC under <c>Crypto:LookupKey</c> over the purpose and the text.
/// </remarks>
public sealed class PersonalDataCipher : IPersonalDataCipher, IEquatable<PersonalDataCipher>
{
    public const byte Version = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly byte[] _lookupKey;
    private readonly byte[] _fingerprint;

    public PersonalDataCipher(CipherSuite suite, string currentKeyId, IReadOnlyDictionary<string, byte[]> keys, byte[] lookupKey)
    {
        if (!keys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"The current personal-data key '{currentKeyId}' is not among the keys.", nameof(currentKeyId));
        }

        Suite = suite;
        CurrentKeyId = currentKeyId;
        _keys = keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        _lookupKey = lookupKey;
        _fingerprint = Fingerprint(suite, currentKeyId, _keys, lookupKey);
    }

    public static PersonalDataCipher FromOptions(CryptoOptions options) => new(
        options.Suite,
        options.DataKey ?? throw new InvalidOperationException("Crypto:DataKey is not set."),
        options.DataKeys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)),
        Convert.FromBase64String(options.LookupKey ?? throw new InvalidOperationException("Crypto:LookupKey is not set.")));

    public CipherSuite Suite { get; }

    public string CurrentKeyId { get; }

    public byte[] Protect(string purpose, string clear)
    {
        var keyId = Encoding.ASCII.GetBytes(CurrentKeyId);
        var text = Encoding.UTF8.GetBytes(clear);
        var header = 3 + keyId.Length;
        var stored = new byte[header + NonceLength + text.Length + TagLength];
        stored[0] = Version;
        stored[1] = SuiteByte(Suite);
        stored[2] = (byte)keyId.Length;
        keyId.CopyTo(stored, 3);
        var nonce = stored.AsSpan(header, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var aad = AssociatedData(stored.AsSpan(0, header), purpose);
        var key = CipherKey(Suite, _keys[CurrentKeyId]);
        var body = stored.AsSpan(header + NonceLength);
        if (Suite == CipherSuite.Standard)
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(nonce, text, body[..text.Length], body[text.Length..], aad);
        }
        else
        {
            var gcm = Sm4Gcm(forEncryption: true, key, nonce.ToArray(), aad);
            var length = gcm.ProcessBytes(text, 0, text.Length, stored, header + NonceLength);
            gcm.DoFinal(stored, header + NonceLength + length);
        }

        return stored;
    }

    public string Unprotect(string purpose, byte[] stored)
    {
        var (suite, keyId, header) = ReadHeader(stored);
        if (!_keys.TryGetValue(keyId, out var configured))
        {
            throw new CryptographicException(
                $"A {purpose} value was encrypted with key '{keyId}', which is not configured (Crypto:DataKeys:{keyId}); it cannot be read.");
        }

        var nonce = stored.AsSpan(header, NonceLength);
        var body = stored.AsSpan(header + NonceLength);
        var aad = AssociatedData(stored.AsSpan(0, header), purpose);
        var key = CipherKey(suite, configured);
        var text = new byte[body.Length - TagLength];
        try
        {
            if (suite == CipherSuite.Standard)
            {
                using var aes = new AesGcm(key, TagLength);
                aes.Decrypt(nonce, body[..text.Length], body[text.Length..], text, aad);
            }
            else
            {
                var gcm = Sm4Gcm(forEncryption: false, key, nonce.ToArray(), aad);
                var output = new byte[gcm.GetOutputSize(body.Length)];
                var length = gcm.ProcessBytes(stored, header + NonceLength, body.Length, output, 0);
                length += gcm.DoFinal(output, length);
                text = output[..length];
            }
        }
        catch (Exception e) when (e is CryptographicException or InvalidCipherTextException)
        {
            throw new CryptographicException($"A {purpose} value does not decrypt: it was changed, or belongs to another column.", e);
        }

        return Encoding.UTF8.GetString(text);
    }

    public byte[] Hash(string purpose, string clear) =>
        KeyedHash.Compute(Suite, _lookupKey, AssociatedData([], purpose).Concat(Encoding.UTF8.GetBytes(clear)).ToArray());

    /// <summary>Whether <paramref name="stored"/> is a ciphertext under the current suite and key (else re-encryption rewrites it).</summary>
    public bool IsCurrent(byte[] stored)
    {
        if (IsPending(stored))
        {
            return false;
        }

        var (suite, keyId, _) = ReadHeader(stored);
        return suite == Suite && keyId == CurrentKeyId;
    }

    /// <summary>A value the migration moved out of a clear column, not encrypted yet.</summary>
    public static bool IsPending(byte[] stored) =>
        stored.Length > 0 && stored[0] is PersonalDataPurpose.PendingUtf8 or PersonalDataPurpose.PendingUtf16;

    /// <summary>The clear text of a value awaiting encryption (<see cref="IsPending"/>).</summary>
    public static string ReadPending(byte[] stored) => stored[0] == PersonalDataPurpose.PendingUtf8
        ? Encoding.UTF8.GetString(stored, 1, stored.Length - 1)
        : Encoding.Unicode.GetString(stored, 1, stored.Length - 1);

    /// <summary>The key id a ciphertext names.</summary>
    public static string KeyIdOf(byte[] stored) => ReadHeader(stored).KeyId;

    public bool Equals(PersonalDataCipher? other) => other is not null && CryptographicOperations.FixedTimeEquals(_fingerprint, other._fingerprint);

    public override bool Equals(object? obj) => Equals(obj as PersonalDataCipher);

    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_fingerprint);

    private static (CipherSuite Suite, string KeyId, int HeaderLength) ReadHeader(byte[] stored)
    {
        if (IsPending(stored))
        {
            throw new CryptographicException("This value is still in clear text, awaiting encryption: the app encrypts such values when it starts.");
        }

        if (stored.Length < 3 || stored[0] != Version || stored[2] is 0 or > PersonalDataPurpose.MaxKeyIdLength
            || stored.Length < 3 + stored[2] + NonceLength + TagLength)
        {
            throw new CryptographicException("This value is not a personal-data ciphertext of a known format.");
        }

        var suite = stored[1] switch
        {
            1 => CipherSuite.SM,
            2 => CipherSuite.Standard,
            _ => throw new CryptographicException($"This value names an unknown cipher suite ({stored[1]})."),
        };
        return (suite, Encoding.ASCII.GetString(stored, 3, stored[2]), 3 + stored[2]);
    }

    private static byte SuiteByte(CipherSuite suite) => suite == CipherSuite.SM ? (byte)1 : (byte)2;

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string purpose) =>
        [.. header, .. Encoding.UTF8.GetBytes(purpose), 0x1f];

    private static byte[] CipherKey(CipherSuite suite, byte[] configured)
    {
        var derived = KeyedHash.Compute(suite, configured, Encoding.ASCII.GetBytes($"Disputes personal data {suite} v1"));
        return suite == CipherSuite.SM ? derived[..16] : derived;
    }

    private static GcmBlockCipher Sm4Gcm(bool forEncryption, byte[] key, byte[] nonce, byte[] aad)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagLength * 8, nonce, aad));
        return gcm;
    }

    private static byte[] Fingerprint(CipherSuite suite, string current, Dictionary<string, byte[]> keys, byte[] lookupKey)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{suite}\u001f{current}\u001f"));
        foreach (var (id, key) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{id}\u001f"));
            sha.AppendData(key);
        }

        sha.AppendData(lookupKey);
        return sha.GetHashAndReset();
    }
}
