using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InferScale.Gateway.Wire;
using Microsoft.AspNetCore.Http;

namespace InferScale.Gateway.Http;

/// <summary>Writes JSON bodies and OpenAI-style errors.</summary>
internal static class ApiResponses
{
    public static async Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static ErrorResponse ToBody(ApiError error) =>
        new() { Error = new ErrorBody { Message = error.Message, Type = error.Type, Param = error.Param, Code = error.Code } };

    public static Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        if (error.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return WriteJsonAsync(context, ToBody(error), GatewayJson.Context.ErrorResponse, error.Status);
    }
}
