using System.Security.Cryptography;
using System.Text;
using Disputes.Data.Protection;
using Disputes.Web.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Disputes.Web.Tests.Crypto;

public sealed class PersonalDataCipherTests
{
    private const string IdNumber = "11010519491231002X";

    [Fact]
    public void SM4_as_BouncyCastle_computes_it_gives_the_standards_answers()
    {
        // GB/T 32907-2016, appendix A, example 1: one block.
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210")));
        var block = new byte[16];
        engine.ProcessBlock(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"), 0, block, 0);
        Assert.Equal("681EDF34D206965E86B3E94F536E4246", Convert.ToHexString(block));

        // RFC 8998, appendix A.1: SM4-GCM, the mode the cipher uses.
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(true, new AeadParameters(new KeyParameter(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210")), 128,
            Convert.FromHexString("00001234567800000000ABCD"), Convert.FromHexString("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")));
        var plain = Convert.FromHexString(
            "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var output = new byte[gcm.GetOutputSize(plain.Length)];
        var length = gcm.ProcessBytes(plain, 0, plain.Length, output, 0);
        gcm.DoFinal(output, length);
        Assert.Equal(
            "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D" +
            "83DE3541E4C2B58177E065A9BF7B62EC",
            Convert.ToHexString(output));
    }

    [Theory]
    [InlineData(CipherSuite.SM)]
    [InlineData(CipherSuite.Standard)]
    public void Each_suite_reads_back_what_it_wrote_and_no_two_ciphertexts_are_alike(CipherSuite suite)
    {
        var cipher = Cipher(suite, "k1", ("k1", Key(1)));

        foreach (var text in new[] { IdNumber, "13812345678", "郑某某 0512-57451234", string.Empty })
        {
            var once = cipher.Protect(PersonalDataPurpose.EnterpriseContact, text);
            var twice = cipher.Protect(PersonalDataPurpose.EnterpriseContact, text);
            Assert.Equal(text, cipher.Unprotect(PersonalDataPurpose.EnterpriseContact, once));
            Assert.NotEqual(once, twice);
            Assert.True(once.Length <= PersonalDataPurpose.ColumnLength(text.Length));
            Assert.Equal((byte)1, once[0]);
            Assert.Equal("k1", PersonalDataCipher.KeyIdOf(once));
            if (text.Length > 0)
            {
                Assert.False(Contains(once, Encoding.UTF8.GetBytes(text)));
            }
        }
    }

    [Fact]
    public void A_value_written_under_one_suite_is_read_under_the_other()
    {
        var sm = Cipher(CipherSuite.SM, "k1", ("k1", Key(1)));
        var standard = Cipher(CipherSuite.Standard, "k1", ("k1", Key(1)));

        Assert.Equal(IdNumber, standard.Unprotect(PersonalDataPurpose.WorkerIdNumber, sm.Protect(PersonalDataPurpose.WorkerIdNumber, IdNumber)));
        Assert.Equal(IdNumber, sm.Unprotect(PersonalDataPurpose.WorkerIdNumber, standard.Protect(PersonalDataPurpose.WorkerIdNumber, IdNumber)));
        Assert.False(standard.IsCurrent(sm.Protect(PersonalDataPurpose.WorkerIdNumber, IdNumber)));
    }

    [Theory]
    [InlineData(CipherSuite.SM)]
    [InlineData(CipherSuite.Standard)]
    public void A_changed_byte_anywhere_fails_loudly_rather_than_reading_as_something_else(CipherSuite suite)
    {
        var cipher = Cipher(suite, "k1", ("k1", Key(1)), ("k2", Key(2)));
        var stored = cipher.Protect(PersonalDataPurpose.WorkerIdNumber, IdNumber);

        for (var i = 0; i < stored.Length; i++)
        {
            var tampered = (byte[])stored.Clone();
            tampered[i] ^= i == 4 ? (byte)('1' ^ '2') : (byte)0x01;
            Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(PersonalDataPurpose.WorkerIdNumber, tampered));
        }

        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(PersonalDataPurpose.WorkerIdNumber, stored[..^1]));
        // Moved into another column: the purpose is authenticated with the value.
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(PersonalDataPurpose.WorkerPhone, stored));
    }

    [Fact]
    public void A_value_under_a_key_no_longer_configured_says_which_key_is_missing()
    {
        var old = Cipher(CipherSuite.SM, "2026a", ("2026a", Key(1)));
        var now = Cipher(CipherSuite.SM, "2026b", ("2026b", Key(2)));

        var error = Assert.ThrowsAny<CryptographicException>(() => now.Unprotect(PersonalDataPurpose.WorkerPhone, old.Protect(PersonalDataPurpose.WorkerPhone, "13812345678")));

        Assert.Contains("2026a", error.Message);
        Assert.DoesNotContain("13812345678", error.Message);
    }

    [Fact]
    public void Hashes_are_keyed_by_the_lookup_key_and_stay_when_the_data_key_rotates()
    {
        var a = Cipher(CipherSuite.SM, "k1", ("k1", Key(1)));
        var b = Cipher(CipherSuite.SM, "k2", ("k1", Key(1)), ("k2", Key(2)));
        var otherLookup = new PersonalDataCipher(CipherSuite.SM, "k1", new Dictionary<string, byte[]> { ["k1"] = Key(1) }, Key(9));

        var hash = a.Hash(PersonalDataPurpose.WorkerIdNumber, IdNumber);
        Assert.Equal(PersonalDataPurpose.HashLength, hash.Length);
        Assert.Equal(hash, b.Hash(PersonalDataPurpose.WorkerIdNumber, IdNumber));
        Assert.NotEqual(hash, otherLookup.Hash(PersonalDataPurpose.WorkerIdNumber, IdNumber));
        Assert.NotEqual(hash, a.Hash(PersonalDataPurpose.WorkerPhone, IdNumber));
        Assert.NotEqual(hash, Cipher(CipherSuite.Standard, "k1", ("k1", Key(1))).Hash(PersonalDataPurpose.WorkerIdNumber, IdNumber));
    }

    [Fact]
    public void Ciphers_with_the_same_keys_are_equal_so_they_share_a_model()
    {
        Assert.Equal(Cipher(CipherSuite.SM, "k1", ("k1", Key(1))), Cipher(CipherSuite.SM, "k1", ("k1", Key(1))));
        Assert.NotEqual(Cipher(CipherSuite.SM, "k1", ("k1", Key(1))), Cipher(CipherSuite.SM, "k1", ("k1", Key(2))));
        Assert.NotEqual(Cipher(CipherSuite.SM, "k1", ("k1", Key(1))), Cipher(CipherSuite.Standard, "k1", ("k1", Key(1))));
    }

    private static PersonalDataCipher Cipher(CipherSuite suite, string current, params (string Id, byte[] Key)[] keys) =>
        new(suite, current, keys.ToDictionary(k => k.Id, k => k.Key), Key(0));

    private static byte[] Key(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + seed)).ToArray();

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
