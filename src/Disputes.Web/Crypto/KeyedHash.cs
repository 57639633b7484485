using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Disputes.Web.Crypto;

/// <summary>A keyed hash under a suite: HMAC-SM3 (BouncyCastle, a maintained implementation) or HMAC-SHA-256 (.NET's own).</summary>
public static class KeyedHash
{
    public const int Length = 32;

    public static byte[] Compute(CipherSuite suite, byte[] key, ReadOnlySpan<byte> data)
    {
        if (suite == CipherSuite.Standard)
        {
            return HMACSHA256.HashData(key, data);
        }

        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var hash = new byte[mac.GetMacSize()];
        mac.DoFinal(hash, 0);
        return hash;
    }
}
