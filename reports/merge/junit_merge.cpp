#include "reports/merge/junit_merge.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace ringside::reports {
namespace {

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

bool named(const xmlNode* n, const char* name) {
    return n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string attribute(const xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    if (!v) return {};
    std::string out(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return out;
}

std::string content(const xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    if (!v) return {};
    std::string out(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return out;
}

JUnitCase read_case(const xmlNode* node) {
    JUnitCase c;
    c.name = attribute(node, "name");
    c.classname = attribute(node, "classname");
    c.seconds = std::strtod(attribute(node, "time").c_str(), nullptr);
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (named(child, "failure") || named(child, "error")) {
            c.failed = true;
            c.failure_message = attribute(child, "message");
            c.failure_text = content(child);
        } else if (named(child, "skipped")) {
            c.skipped = attribute(child, "message");
            if (c.skipped.empty()) c.skipped = "skipped";
        }
    }
    return c;
}

void read_suite(const xmlNode* suite, std::vector<JUnitCase>& cases) {
    for (const xmlNode* n = suite->children; n; n = n->next) {
        if (named(n, "testcase")) cases.push_back(read_case(n));
        else if (named(n, "testsuite")) read_suite(n, cases);  // nested suites, as some writers nest
    }
}

} // namespace

std::vector<JUnitCase> read_junit(const MergeInput& input) {
    // No network, no entity expansion: an input is data, never a pointer to more data.
    std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(input.text.data(), static_cast<int>(input.text.size()),
                                                       input.path.c_str(), nullptr,
                                                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc) {
        const xmlError* e = xmlGetLastError();
        std::string why = e && e->message ? e->message : "not well-formed";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw MergeInputError(input.path + ": not well-formed XML (" + why + (e ? ", line " + std::to_string(e->line) : "") +
                              "); expected a JUnit XML report (ringside run --junit)");
    }
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root || !(named(root, "testsuites") || named(root, "testsuite")))
        throw MergeInputError(input.path + ": XML whose root is <" +
                              (root ? std::string(reinterpret_cast<const char*>(root->name)) : std::string()) +
                              ">; expected a JUnit report, <testsuites> or <testsuite>");
    std::vector<JUnitCase> cases;
    read_suite(root, cases);
    for (const JUnitCase& c : cases)
        if (c.name.empty())
            throw MergeInputError(input.path + ": a <testcase> without a name; expected a JUnit report as ringside run --junit writes it");
    return cases;
}

} // namespace ringside::reports
