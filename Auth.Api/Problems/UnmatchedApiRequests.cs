using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Auth.Api.Problems;

/// <summary>
/// Answers a request that fell through to an API prefix's catch-all (<c>/api/{**rest}</c>, which keeps API paths
/// away from the SPA's HTML page): 405 with an <c>Allow</c> header when the path is an endpoint's and only the method
/// is wrong (<c>GET /api/signup</c>), otherwise 404. Both are problem+json.
/// </summary>
public sealed class UnmatchedApiRequests(EndpointDataSource endpoints, IInlineConstraintResolver constraintResolver)
{
    private IReadOnlyList<MethodRoute>? _routes;

    public ValueTask AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var route in _routes ??= Build())
            if (route.Matches(path, context))
                allowed.UnionWith(route.Methods);

        // No endpoint has this path, or one with this very method refused it on a constraint (a non-numeric id).
        if (allowed.Count == 0 || allowed.Contains(context.Request.Method))
            return ApiProblems.WriteAsync(context, StatusCodes.Status404NotFound, "There is no endpoint at this path.");

        var methods = string.Join(", ", allowed);
        context.Response.Headers.Allow = methods;
        return ApiProblems.WriteAsync(context, StatusCodes.Status405MethodNotAllowed,
            $"This endpoint does not accept {context.Request.Method}; it accepts {methods}.");
    }

    /// <summary>
    /// Every endpoint bound to particular methods at a particular path. Catch-all patterns are left out: the API
    /// prefixes' own (any method) and the SPA fallback (GET and HEAD on every path) say nothing about a path.
    /// </summary>
    private List<MethodRoute> Build() =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            .Select(e => (e.RoutePattern, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Methods is { Count: > 0 })
            .Select(e => new MethodRoute(e.RoutePattern, e.Methods!, constraintResolver)),
    ];

    private sealed class MethodRoute
    {
        private readonly TemplateMatcher _matcher;
        private readonly (string Name, IRouteConstraint Constraint)[] _constraints;

        public MethodRoute(RoutePattern pattern, IReadOnlyList<string> methods, IInlineConstraintResolver resolver)
        {
            Methods = methods;
            _matcher = new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults));
            _constraints =
            [
                .. pattern.Parameters.SelectMany(p => p.ParameterPolicies
                    .Select(policy => policy.Content is { } content ? resolver.ResolveConstraint(content) : null)
                    .OfType<IRouteConstraint>()
                    .Select(constraint => (p.Name, constraint))),
            ];
        }

        public IReadOnlyList<string> Methods { get; }

        public bool Matches(PathString path, HttpContext context)
        {
            var values = new RouteValueDictionary();
            return _matcher.TryMatch(path, values)
                && _constraints.All(c => c.Constraint.Match(context, null, c.Name, values, RouteDirection.IncomingRequest));
        }
    }
}
