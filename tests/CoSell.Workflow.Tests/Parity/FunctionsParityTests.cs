using System.Reflection;
using CoSell.Workflow.Http;
using Microsoft.DurableTask;

namespace CoSell.Workflow.Tests.Parity;

/// <summary>
/// The Functions app binds exactly the durable tasks and HTTP routes the shared libraries define, under the same
/// names, methods, templates and auth levels the local host uses.
/// </summary>
/// <remarks>
/// Expectations come from the libraries: every <see cref="TaskOrchestrator{TInput,TOutput}"/> class in CoSell.Workflow,
/// every activity service (<c>CoSell.Workflow.Activities.{Name}Activity</c> for a <see cref="WorkflowNames"/>
/// constant) and every <see cref="ApiRoutes.All"/> entry whose handler method (<c>{Name}Async</c>) exists. So a task or
/// handler added to the libraries without its Functions wrapper fails here.
/// </remarks>
public sealed class FunctionsParityTests
{
    private static readonly Assembly Workflow = typeof(WorkflowNames).Assembly;

    private static IReadOnlyList<FunctionBinding> Functions => FunctionsAppCatalog.Functions;

    private static string[] WorkflowNameConstants => typeof(WorkflowNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void FunctionsApp_EveryOrchestratorClass_HasExactlyOneOrchestrationFunctionNamedByWorkflowNames()
    {
        string[] orchestrators = Workflow.GetTypes()
            .Where(t => !t.IsAbstract && IsOrchestrator(t))
            .Select(t => t.Name)
            .ToArray();

        string[] notInWorkflowNames = [.. orchestrators.Except(WorkflowNameConstants)];
        string[] notBoundOnce = [.. orchestrators.Where(name => Functions.Count(f => f.Name == name && f.Trigger == "orchestration") != 1)];
        FunctionBinding[] strays = [.. Functions.Where(f => f.Trigger == "orchestration" && !orchestrators.Contains(f.Name))];

        Assert.NotEmpty(orchestrators);
        Assert.Empty(notInWorkflowNames);
        Assert.Empty(notBoundOnce);
        Assert.Empty(strays);
    }

    [Fact]
    public void FunctionsApp_EveryActivityService_HasExactlyOneActivityFunctionNamedByWorkflowNames()
    {
        string[] activities = WorkflowNameConstants
            .Where(name => Workflow.GetTypes().Any(t => t.Name == name + "Activity"))
            .ToArray();

        string[] notBoundOnce = [.. activities.Where(name => Functions.Count(f => f.Name == name && f.Trigger == "activity") != 1)];
        FunctionBinding[] strays = [.. Functions.Where(f => f.Trigger == "activity" && !activities.Contains(f.Name))];

        Assert.Empty(notBoundOnce);
        Assert.Empty(strays);
    }

    [Fact]
    public void FunctionsApp_EveryRouteWithAHandler_IsBoundWithTheSameMethodTemplateAndAuth()
    {
        ApiRoute[] handled = ApiRoutes.All.Where(HasHandler).ToArray();

        string[] notBoundOnce = [.. handled.Where(route => Functions.Count(f => f.Name == route.Name) != 1).Select(route => route.Name)];
        FunctionBinding[] strays = [.. Functions.Where(f => f.Trigger == "http" && !handled.Any(r => r.Name == f.Name))];

        Assert.Empty(notBoundOnce);
        Assert.Empty(strays);
        foreach (ApiRoute route in handled)
        {
            FunctionBinding function = Functions.Single(f => f.Name == route.Name);
            Assert.Equal(
                (route.Name, "http", route.Template, ExpectedAuthLevel(route.Auth)),
                (function.Name, function.Trigger, function.Route, function.AuthLevel));
            Assert.Equal([route.Method], function.HttpMethods);
        }
    }

    [Fact]
    public void FunctionsApp_MonthlyTimer_ReadsItsScheduleFromTheReevaluationSetting()
    {
        FunctionBinding timer = Assert.Single(Functions, f => f.Trigger == "timer");

        Assert.Equal("MonthlyReevaluationTimer", timer.Name);
        Assert.Equal("%CoSell:ReevaluationSchedule%", timer.Schedule);
    }

    [Fact]
    public void FunctionsApp_EveryFunction_HasAKnownTriggerAndAUniqueName()
    {
        Assert.NotEmpty(Functions);
        Assert.All(Functions, f => Assert.NotEqual("unknown", f.Trigger));
        Assert.Equal(Functions.Count, Functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private static bool IsOrchestrator(Type type)
    {
        for (Type? t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasHandler(ApiRoute route) => Workflow.GetTypes()
        .Where(t => t.Namespace == "CoSell.Workflow.Http" && t.IsPublic)
        .Any(t => t.GetMethod(route.Name + "Async", BindingFlags.Public | BindingFlags.Instance) is not null);

    private static string ExpectedAuthLevel(RouteAuth auth) => auth switch
    {
        RouteAuth.Partner => "Function",
        RouteAuth.Anonymous => "Anonymous",
        RouteAuth.Admin => "Admin",
        _ => throw new ArgumentOutOfRangeException(nameof(auth), auth, "Unknown route auth."),
    };
}
