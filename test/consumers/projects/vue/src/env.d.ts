import type {} from 'sitegate/components/vue';
