using System.Security.Claims;
using Disputes.Domain.Reports;
using Disputes.Web.Crypto;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Reports;

namespace Disputes.Web.Features.Audit;

public static class AuditHostingExtensions
{
    public const string VerifyCommand = "verify-audit";

    public static IHostApplicationBuilder AddDisputesAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CryptoOptions>()
            .Bind(builder.Configuration.GetSection(CryptoOptions.Section))
            .Validate(o => o.AuditKey is { Length: > 0 and <= 24 } id && !id.Contains('/') && o.AuditKeys.ContainsKey(id),
                "Crypto:AuditKey must name one of Crypto:AuditKeys (an id of at most 24 characters without '/'): the audit trail is sealed with it.")
            .Validate(o => o.AuditKeys.Values.All(IsKey), "Each of Crypto:AuditKeys must be 32 random bytes in base64 (openssl rand -base64 32).")
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditChain>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<AuditVerifier>();
        builder.Services.AddSingleton<AuditQueries>();
        builder.Services.AddOptions<AuditOptions>()
            .Bind(builder.Configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.RetentionDays >= AuditOptions.MinimumRetentionDays,
                $"Audit:RetentionDays must be at least {AuditOptions.MinimumRetentionDays}: the Cybersecurity Law keeps logs for six months.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>The audit administrator's export of what the screen's filter finds (the same query string).</summary>
    public static void MapAuditEndpoints(this WebApplication app)
    {
        foreach (var format in (ExportFormat[])[ExportFormat.Xlsx, ExportFormat.Csv])
        {
            app.MapGet($"{ExportPath}{ExportWriter.Extension(format)}", async (HttpContext context, ClaimsPrincipal user, AuditQueries queries,
                    CancellationToken cancellationToken) =>
                    user.ActorOf() is { } auditor
                        ? ReportEndpoints.Send(context, await queries.ExportAsync(auditor, AuditFilter.FromQuery(context.Request.Query), format, cancellationToken))
                        : Results.NotFound())
                .RequireAuthorization(Policies.AuditAdministrator);
        }
    }

    public const string ExportPath = "/exports/audit";

    /// <summary>
    /// <c>dotnet run --project src/Disputes.Web -- verify-audit</c>: checks the whole chain, prints what it found and
    /// answers 0 when intact, 1 at the first broken link. Null when the app was started to serve.
    /// </summary>
    public static async Task<int?> RunAuditCommandAsync(this WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != VerifyCommand)
        {
            return null;
        }

        var result = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync();
        var output = Console.Out;
        if (result.Intact)
        {
            await output.WriteLineAsync($"审计日志完整：{result.Checked} 条记录逐条校验无误。");
            await output.WriteLineAsync($"The audit trail is intact: {result.Checked} entries checked.");
            return 0;
        }

        var (zh, en) = result.Problem switch
        {
            AuditBreak.Missing => ("此前的记录被删除", "entries before it were removed"),
            AuditBreak.TailMissing => ("此后的记录被删除", "the entries from here on were removed"),
            AuditBreak.UnknownKey => ("其校验密钥未配置", "the key it was sealed with is not configured"),
            _ => ("该记录被修改或顺序被调换", "it was changed or moved"),
        };
        await output.WriteLineAsync($"审计日志在第 {result.BrokenAt} 条记录处断裂：{zh}。此前 {result.Checked} 条记录完整。");
        await output.WriteLineAsync($"The audit trail breaks at entry {result.BrokenAt}: {en}. The {result.Checked} entries before it are intact.");
        return 1;
    }

    private static bool IsKey(string value)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(value, bytes, out var length) && length == 32;
    }
}
