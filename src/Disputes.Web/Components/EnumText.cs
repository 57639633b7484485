using Disputes.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Components;

/// <summary>One name per enum value on every screen: the resource key is "<c>TypeName.Value</c>" (Stage.Reported → 已登记).</summary>
public static class EnumText
{
    public static string Text<T>(this IStringLocalizer<SharedResource> localizer, T value) where T : struct, Enum =>
        localizer[Key(value)];

    public static string Key<T>(T value) where T : struct, Enum => $"{typeof(T).Name}.{value}";
}
