using System.Globalization;
using System.Text;
using Disputes.Data;
using Disputes.Web.Crypto;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Audit;

/// <summary>
/// How an audit entry is sealed: a keyed hash (HMAC-SM3 under the SM suite, HMAC-SHA-256 under Standard) over the hash of
/// the entry before it, its sequence and every field, the key named in the entry (<c>SM/2026a</c>) so that entries made
/// before a key was rotated, or under the other suite, are still checked with theirs.
/// </summary>
public sealed class AuditChain
{
    private readonly Dictionary<string, byte[]> _keys;

    public AuditChain(IOptions<CryptoOptions> options)
    {
        var crypto = options.Value;
        _keys = crypto.AuditKeys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        CurrentKeyId = $"{crypto.Suite}/{crypto.AuditKey}";
    }

    /// <summary>The key new entries are sealed with, with its suite.</summary>
    public string CurrentKeyId { get; }

    /// <summary>The entry's hash with the key it names; null when that key is not configured.</summary>
    public byte[]? Hash(byte[] previous, long sequence, string keyId, AuditRecord record)
    {
        var slash = keyId.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !Enum.TryParse<CipherSuite>(keyId[..slash], out var suite) || !_keys.TryGetValue(keyId[(slash + 1)..], out var key))
        {
            return null;
        }

        return KeyedHash.Compute(suite, key, Canonical(previous, sequence, keyId, record));
    }

    /// <summary>The bytes hashed: the previous hash, then each field as text, a null marked apart from an empty text.</summary>
    private static byte[] Canonical(byte[] previous, long sequence, string keyId, AuditRecord r)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     sequence.ToString(CultureInfo.InvariantCulture), r.AtUtc.Ticks.ToString(CultureInfo.InvariantCulture), r.Type, r.Result,
                     r.UserId, r.UserName, r.Organisation, r.ClientAddress, r.Object, r.IncidentNumber, r.Detail, keyId,
                 })
        {
            // Unit separator between fields; a null is the separator alone, a text is prefixed by its length.
            text.Append('\u001f');
            if (field is not null)
            {
                text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
            }
        }

        return [.. previous, .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
