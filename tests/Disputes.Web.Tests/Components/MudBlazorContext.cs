using System.Globalization;
using Bunit;
using Disputes.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Disputes.Web.Tests.Components;

/// <summary>MudBlazor's own bUnit recipe: loose JS interop, transitions off, no popover-provider check; plus localisation and a fake clock.</summary>
/// <remarks>
/// Disposed asynchronously: chips, selects and inputs use MudBlazor services that are only <see cref="IAsyncDisposable"/>,
/// and xUnit 2 would otherwise dispose the context synchronously.
/// </remarks>
public abstract class MudBlazorContext : BunitContext, IAsyncLifetime
{
    protected MudBlazorContext(string culture = "zh-CN")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        // bUnit waits a second for an asynchronous render by default: a database read on a busy two-core machine can take longer.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddLocalization();
        // The real policies, not bUnit's placeholder: the menu must be tested against what the pages enforce.
        Services.AddAuthorizationCore(Policies.Add);
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton<TimeProvider>(Clock);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 1, 30, 0, TimeSpan.Zero));
}
