using Microsoft.Extensions.Options;

namespace Disputes.Web.Crypto;

public static class PersonalDataHostingExtensions
{
    public const string ReencryptCommand = "reencrypt-personal-data";

    /// <summary>
    /// The cipher of ID numbers, phones and contacts (<see cref="PersonalDataCipher"/>), with its keys checked before the
    /// app serves: <c>Crypto:DataKey</c> must name one of <c>Crypto:DataKeys</c>, and every key, <c>Crypto:LookupKey</c>
    /// included, must be 32 bytes. Outside Development nothing provides them, so the app does not start without them.
    /// </summary>
    public static IHostApplicationBuilder AddDisputesPersonalData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CryptoOptions>()
            .Bind(builder.Configuration.GetSection(CryptoOptions.Section))
            .Validate(o => o.DataKey is { } id && o.DataKeys.ContainsKey(id),
                "Crypto:DataKey must name one of Crypto:DataKeys: personal data (ID numbers, phones) is encrypted with it.")
            .Validate(o => o.DataKeys.Keys.All(IsKeyId),
                "Each id of Crypto:DataKeys has 1 to 24 letters, digits, '-', '_' or '.': it is written into every ciphertext.")
            .Validate(o => o.DataKeys.Values.All(IsKey), "Each of Crypto:DataKeys must be 32 random bytes in base64 (openssl rand -base64 32).")
            .Validate(o => o.LookupKey is { } key && IsKey(key),
                "Crypto:LookupKey must be 32 random bytes in base64 (openssl rand -base64 32): the ID numbers' hashes are keyed with it.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => PersonalDataCipher.FromOptions(sp.GetRequiredService<IOptions<CryptoOptions>>().Value));
        builder.Services.AddSingleton<PersonalDataReencryption>();
        return builder;
    }

    /// <summary>
    /// <c>dotnet run --project src/Disputes.Web -- reencrypt-personal-data</c>: every personal-data value under the current
    /// key and suite, every ID number's hash under the current lookup key; prints what it did and answers 0, or 1 when a
    /// value could not be read (its rows are named). Null when the app was started to serve.
    /// </summary>
    public static async Task<int?> RunPersonalDataCommandAsync(this WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != ReencryptCommand)
        {
            return null;
        }

        var cipher = app.Services.GetRequiredService<PersonalDataCipher>();
        var result = await app.Services.GetRequiredService<PersonalDataReencryption>().ReencryptAllAsync();
        var output = Console.Out;
        await output.WriteLineAsync($"个人信息重新加密完成：检查 {result.Examined} 行，改写 {result.Rewritten} 行，当前密钥 {cipher.Suite}/{cipher.CurrentKeyId}。");
        await output.WriteLineAsync($"Personal data re-encrypted: {result.Examined} rows checked, {result.Rewritten} rewritten, current key {cipher.Suite}/{cipher.CurrentKeyId}.");
        if (result.Unreadable.Count == 0)
        {
            return 0;
        }

        await output.WriteLineAsync($"{result.Unreadable.Count} 行无法解密（被修改，或其密钥未配置），未改写：");
        await output.WriteLineAsync($"{result.Unreadable.Count} rows do not decrypt (changed, or their key is not configured) and were left as they are:");
        foreach (var row in result.Unreadable)
        {
            await output.WriteLineAsync($"  {row}");
        }

        return 1;
    }

    private static bool IsKeyId(string id) =>
        id.Length is > 0 and <= Data.Protection.PersonalDataPurpose.MaxKeyIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsKey(string value)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(value, bytes, out var length) && length == 32;
    }
}
