using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// Turns the application layer's failures into page results: validation failures become ModelState errors next to
/// the fields and the page is shown again with 400 (see <see cref="IReloadAfterRejection"/>); refusals become
/// 401/403; missing records 404.
/// </summary>
public sealed class RequestFailurePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Input that could not even be bound (a date that is not a date) never reaches a handler.
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !context.ModelState.IsValid)
        {
            ForgetUnrenderableCheckboxValues(context.HandlerInstance.GetType(), context.ModelState);
            context.Result = await ReloadAsync(context) ? new PageResult { StatusCode = StatusCodes.Status400BadRequest } : new NotFoundResult();
            return;
        }

        var executed = await next();
        switch (executed.Exception)
        {
            case RequestValidationException invalid:
                var prefix = BoundPropertyHolding(context.HandlerInstance, invalid.Request);
                foreach (var failure in invalid.Failures)
                {
                    var key = string.IsNullOrEmpty(failure.PropertyName) ? "" : Join(prefix, failure.PropertyName);
                    executed.ModelState.AddModelError(key, failure.ErrorMessage);
                }

                executed.ExceptionHandled = true;
                executed.Result = await ReloadAsync(context) ? new PageResult { StatusCode = StatusCodes.Status400BadRequest } : new NotFoundResult();
                break;
            case RequestAuthorizationException refused:
                executed.Result = refused.SignedIn ? new ForbidResult() : new ChallengeResult();
                executed.ExceptionHandled = true;
                break;
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
        }
    }

    /// <summary>False when the form named a record the page cannot show again (a tampered id): a 404, not a crash.</summary>
    private static async Task<bool> ReloadAsync(PageHandlerExecutingContext context)
    {
        if (context.HandlerInstance is not IReloadAfterRejection page)
        {
            return true;
        }

        try
        {
            await page.ReloadAsync(context.HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// A checkbox cannot be drawn from a posted value that is not a boolean (the tag helper throws), so such values
    /// are dropped; the error message stays. Text fields keep what the person typed, so they can correct it.
    /// </summary>
    private static void ForgetUnrenderableCheckboxValues(Type pageType, ModelStateDictionary modelState)
    {
        foreach (var key in modelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid).Select(e => e.Key).ToList())
        {
            if (PropertyTypeAt(pageType, key) is { } type && (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool))
            {
                modelState.SetModelValue(key, rawValue: null, attemptedValue: null);
                modelState[key]!.ValidationState = ModelValidationState.Invalid;
            }
        }
    }

    private static Type? PropertyTypeAt(Type type, string key)
    {
        Type? current = type;
        foreach (var segment in key.Split('.'))
        {
            current = current?.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
        }

        return current;
    }

    /// <summary>The name of the page property that holds the failed request, so "Email" becomes "Data.Email".</summary>
    private static string? BoundPropertyHolding(object page, object request)
    {
        foreach (var property in page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead && ReferenceEquals(property.GetValue(page), request))
            {
                return property.Name;
            }
        }

        return null;
    }

    private static string Join(string? prefix, string property) => string.IsNullOrEmpty(prefix) ? property : $"{prefix}.{property}";
}
