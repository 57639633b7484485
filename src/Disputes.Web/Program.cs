using Disputes.Web.Components;
using Disputes.Web.Crypto;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Admin;
using Disputes.Web.Features.Audit;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Enterprises;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Home;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Offline;
using Disputes.Web.Features.Reports;
using Disputes.Web.Features.Monitoring;
using Disputes.Web.Features.PersonalData;
using Disputes.Web.Files;
using Disputes.Web.Hosting;
using Disputes.Web.Jobs;
using Disputes.Web.Realtime;

var builder = WebApplication.CreateBuilder(args);

builder.AddRepositoryDevelopmentSettings();
builder.AddDisputesHttps();
builder.AddDisputesDatabase();
builder.AddDisputesKeyRingProtection();
builder.AddDisputesAudit();
builder.AddDisputesPersonalData();
builder.AddDisputesIdentity();
builder.AddDisputesLocalization();
builder.AddDisputesJobs();
builder.AddDisputesIncidents();
builder.AddDisputesEscalation();
builder.AddDisputesFiles();
builder.AddDisputesHome();
builder.AddDisputesBoard();
builder.AddDisputesMonitoring();
builder.AddDisputesEnterprises();
builder.AddDisputesAdmin();
builder.AddDisputesReports();
builder.AddDisputesPersonalDataAccess();
builder.AddDisputesRealtime();
builder.AddDisputesHealthChecks();
builder.AddDisputesUserInterface();

var app = builder.Build();

await app.InitialiseDatabaseAsync();
if ((await app.RunAuditCommandAsync(args) ?? await app.RunPersonalDataCommandAsync(args)) is { } exitCode)
{
    return exitCode;
}

app.UseDisputesHttps();
app.UseDisputesSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// Only a page request gets the "not found" page; a hub or API client keeps its 401/404 as sent.
app.UseWhen(context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/hubs"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAccountGate();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapDisputesHealthChecks();
app.MapAccountEndpoints();
app.MapDisputesJobsDashboard();
app.MapAttachmentEndpoints();
app.MapOfflineTapEndpoints();
app.MapReportEndpoints();
app.MapAuditEndpoints();
app.MapDisputesRealtime();
// The security headers' policy carries frame-ancestors; Blazor's own would be a second Content-Security-Policy header.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
return 0;
