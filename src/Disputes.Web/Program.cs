using Disputes.Web.Components;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Admin;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Enterprises;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Files;
using Disputes.Web.Hosting;
using Disputes.Web.Jobs;

var builder = WebApplication.CreateBuilder(args);

builder.AddRepositoryDevelopmentSettings();
builder.AddDisputesDatabase();
builder.AddDisputesIdentity();
builder.AddDisputesLocalization();
builder.AddDisputesJobs();
builder.AddDisputesIncidents();
builder.AddDisputesEscalation();
builder.AddDisputesFiles();
builder.AddDisputesBoard();
builder.AddDisputesEnterprises();
builder.AddDisputesAdmin();
builder.AddDisputesHealthChecks();
builder.AddDisputesUserInterface();

var app = builder.Build();

await app.InitialiseDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapDisputesHealthChecks();
app.MapAccountEndpoints();
app.MapDisputesJobsDashboard();
app.MapAttachmentEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
