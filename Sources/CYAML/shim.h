#ifndef SLO_CYAML_SHIM_H
#define SLO_CYAML_SHIM_H
#include <yaml.h>
#endif
